from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from fanshelf.accounts import invitations
from fanshelf.accounts.models import InviteRequest, User
from fanshelf.accounts.selectors import is_moderator

from . import selectors, services, targets
from .forms import (
    ActionForm,
    AppealAnswerForm,
    AppealForm,
    GrantInvitationsForm,
    ReportForm,
    UnhideForm,
)
from .models import Appeal, ModerationAction, Report, TargetKind

HIDEABLE = (TargetKind.WORK, TargetKind.CHAPTER, TargetKind.COMMENT)


def moderator_required(view):
    @wraps(view)
    @login_required
    def check(request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied("Only moderators can open the moderation pages.")
        return view(request, *args, **kwargs)

    return check


def _page(request, items):
    return Paginator(items, settings.FANSHELF_MODERATION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request, kind, target_id):
    target = targets.resolve(kind, target_id, viewer=request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_file(
                reporter=request.user, kind=kind, target_id=target.id, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Thank you: your report reached the moderators. We sent you an acknowledgement.",
            )
            return redirect(target.url)
    return render(request, "moderation/report_form.html", {"form": form, "target": target})


@moderator_required
def queue(request):
    page = _page(request, selectors.open_report_groups())
    newest = selectors.reports_by_id([row["newest"] for row in page])
    rows = [{**row, "report": newest[row["newest"]]} for row in page]
    return render(request, "moderation/queue.html", {"page": page, "rows": rows})


@moderator_required
@require_http_methods(["GET", "POST"])
def report_detail(request, report_id):
    report = get_object_or_404(
        Report.objects.select_related("reporter", "target_user"), pk=report_id
    )
    form = ActionForm(
        request.POST or None,
        can_hide=report.target_kind in HIDEABLE,
        has_owner=report.target_user_id is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            _act(request.user, report, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Done; the action is in the moderation log.")
            return redirect("moderation:queue")
    same, actions = selectors.report_history(report)
    hidden = (report.target_kind, report.target_id) in selectors.hidden_now(
        [(report.target_kind, report.target_id)]
    )
    context = {
        "report": report,
        "form": form,
        "same": same,
        "actions": actions,
        "hidden": hidden,
        "unhide_form": UnhideForm(),
    }
    return render(request, "moderation/report_detail.html", context)


def _act(moderator, report: Report, data: dict) -> None:
    action, reason = data["action"], data["reason"]
    user = report.target_user
    if action == "dismiss":
        return services.report_dismiss(moderator=moderator, report=report, reason=reason)
    if action == "hide":
        target = targets.resolve(report.target_kind, report.target_id, viewer=None, moderator=True)
        return services.content_hide(
            moderator=moderator, target=target, reason=reason, report=report
        )
    if user is None:
        raise ValidationError("The reported content has no owner left to act on.")
    if action == "warn":
        return services.user_warn(moderator=moderator, user=user, reason=reason, report=report)
    if action == "suspend":
        return services.user_suspend(
            moderator=moderator, user=user, days=data["days"], reason=reason, report=report
        )
    if action == "ban":
        return services.user_ban(moderator=moderator, user=user, reason=reason, report=report)
    return services.spam_remove(moderator=moderator, user=user, reason=reason, report=report)


@moderator_required
def log(request):
    page = _page(request, selectors.log_entries())
    hideable = [(e.target_kind, e.target_id) for e in page if e.kind in ("hide", "hold")]
    hidden = selectors.hidden_now(hideable)
    for entry in page:
        entry.still_hidden = entry.kind in ("hide", "hold") and (
            (entry.target_kind, entry.target_id) in hidden
        )
    context = {"page": page, "unhide_form": UnhideForm()}
    return render(request, "moderation/log.html", context)


@moderator_required
@require_POST
def content_unhide(request, kind, target_id):
    """Make hidden content public again, from its line in the log or its report's page."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("moderation:log")
    target = targets.resolve(kind, target_id, viewer=None, moderator=True)
    form = UnhideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why you unhide it: the reason is kept in the log.")
        return redirect(back)
    try:
        services.content_unhide(
            moderator=request.user, target=target, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Done: {target.label} is visible again.")
    return redirect(back)


@moderator_required
@require_http_methods(["GET", "POST"])
def appeals(request):
    form = AppealAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        appeal = get_object_or_404(Appeal, pk=request.POST.get("appeal"), status="open")
        services.appeal_answer(
            moderator=request.user,
            appeal=appeal,
            grant=form.cleaned_data["decision"] == "grant",
            answer=form.cleaned_data["answer"],
        )
        messages.success(request, "The appeal is answered and the user told.")
        return redirect("moderation:appeals")
    page = _page(request, selectors.open_appeals())
    return render(request, "moderation/appeals.html", {"page": page, "form": form})


@moderator_required
@require_POST
def user_restore(request, user_id, what):
    """Lift a suspension or a ban from the user's line in the log."""
    lift = {"unsuspend": services.user_unsuspend, "unban": services.user_unban}.get(what)
    if lift is None:
        raise Http404("Only a suspension or a ban can be lifted here.")
    user = get_object_or_404(User, pk=user_id)
    reason = request.POST.get("reason", "").strip() or "Lifted by a moderator."
    lift(moderator=request.user, user=user, reason=reason)
    messages.success(request, f"{user.username}'s account is restored.")
    return redirect("moderation:log")


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request):
    """A user's own page: what moderators did to them or their works, and an appeal for each."""
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = get_object_or_404(
            ModerationAction, pk=request.POST.get("action"), target_user=request.user
        )
        try:
            services.appeal_file(user=request.user, action=action, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Your appeal reached the moderators.")
        return redirect("moderation:appeal")
    actions = selectors.actions_against(request.user)
    return render(request, "moderation/appeal.html", {"actions": actions, "form": form})


@moderator_required
@require_http_methods(["GET", "POST"])
def invitation_admin(request):
    form = GrantInvitationsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error("username", "No user by that name.")
        else:
            invitations.invitations_grant(user=user, count=form.cleaned_data["count"])
            messages.success(request, f"{user.username} can now hand out more invitations.")
            return redirect("moderation:invitations")
    waiting = InviteRequest.objects.filter(invitation__isnull=True)
    context = {"form": form, "page": _page(request, waiting), "waiting": waiting.count()}
    return render(request, "moderation/invitations.html", context)
