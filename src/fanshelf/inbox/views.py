from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import EmailPreferencesForm, InboxActionForm
from .selectors import READ_STATES, email_preferences, inbox_for

DONE = {"read": "Marked as read.", "unread": "Marked as unread.", "delete": "Deleted."}


@login_required
def inbox(request):
    show = request.GET.get("show", "all")
    if show not in READ_STATES:
        show = "all"
    rows = inbox_for(user=request.user, show=show)
    page = Paginator(rows, settings.FANSHELF_INBOX_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "inbox/inbox.html", {"page": page, "show": show, "states": list(READ_STATES)}
    )


@login_required
@require_POST
def inbox_update(request):
    form = InboxActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Choose an action.")
    else:
        action, ids = form.cleaned_data["action"], form.cleaned_data["ids"]
        if action == "delete":
            services.notifications_delete(user=request.user, ids=ids)
        else:
            services.notifications_mark(user=request.user, ids=ids, read=action == "read")
        messages.success(request, DONE[action])
    show = request.POST.get("show", "all")
    return redirect(reverse("inbox:inbox") + f"?show={show if show in READ_STATES else 'all'}")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = EmailPreferencesForm(request.POST or None, current=email_preferences(request.user))
    if request.method == "POST" and form.is_valid():
        services.email_preferences_update(user=request.user, choices=form.cleaned_data)
        messages.success(request, "Notification preferences saved.")
        return redirect("inbox:preferences")
    return render(request, "inbox/preferences.html", {"form": form})
