from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fanshelf.core.listings import listing
from fanshelf.core.models import SiteSettings
from fanshelf.core.selectors import site_settings

from . import services
from .forms import PreferencesForm, PseudForm, SignupForm, SignupPasswordForm
from .selectors import relation_to, user_with_pseuds


@require_http_methods(["GET", "POST"])
def signup(request):
    mode = site_settings().signup_mode
    if mode == SiteSettings.SignupMode.CLOSED:
        return render(request, "accounts/signup_closed.html", status=403)
    by_invitation = mode == SiteSettings.SignupMode.INVITATION
    initial = {"invitation": request.GET.get("invitation", "")}
    form = SignupForm(request.POST or None, initial=initial, invitation_required=by_invitation)
    if request.method == "POST" and form.is_valid():
        services.signup_request(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            link_base=request.build_absolute_uri("/").rstrip("/"),
            invitation_code=form.cleaned_data["invitation"] if by_invitation else "",
        )
        return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form, "by_invitation": by_invitation})


@require_http_methods(["GET", "POST"])
def signup_confirm(request, token):
    try:
        wanted = services.signup_token_read(token)
    except ValidationError as error:
        return render(request, "accounts/signup_confirm.html", {"error": error.messages[0]})
    if site_settings().signup_mode == SiteSettings.SignupMode.CLOSED:
        return render(request, "accounts/signup_closed.html", status=403)
    names = {"username": wanted["username"], "email": wanted["email"]}
    form = SignupPasswordForm(request.POST or None, **names)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.signup_complete(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            return render(request, "accounts/signup_confirm.html", {"error": error.messages[0]})
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}! Your account is ready.")
        return redirect("works:front")
    return render(request, "accounts/signup_confirm.html", {"form": form, **names})


def profile(request, username):
    author = user_with_pseuds(username=username)
    pseud_id = request.GET.get("pseud")
    relation = relation_to(viewer=request.user, other=author)
    # A muted creator's works and series stay out of sight here too, unless asked for.
    showing_muted = relation["muted"] and request.GET.get("show_muted") == "1"
    hidden = relation["muted"] and not showing_muted
    page = None if hidden else listing("creator_page")(request, author=author, pseud_id=pseud_id)
    params = {"pseud": pseud_id} if pseud_id else {}
    query = urlencode({**params, **({"show_muted": "1"} if showing_muted else {})})
    context = {
        "author": author,
        "page": page,
        "query": query,
        "relation": relation,
        "muted_hidden": hidden,
        "show_muted_url": "?" + urlencode({**params, "show_muted": "1"}),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pseuds(request):
    form = PseudForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pseud = services.pseud_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, f"Pseud “{pseud.name}” created.")
            return redirect("accounts:pseuds")
    return render(request, "accounts/pseuds.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Preferences saved.")
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})
