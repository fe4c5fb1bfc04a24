from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fanshelf.core.listings import listing

from . import services
from .forms import PreferencesForm, PseudForm, SignupForm
from .selectors import user_with_pseuds


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}! Your account is ready.")
        return redirect("works:front")
    return render(request, "accounts/signup.html", {"form": form})


def profile(request, username):
    author = user_with_pseuds(username=username)
    pseud_id = request.GET.get("pseud")
    page = listing("creator_page")(request, author=author, pseud_id=pseud_id)
    query = urlencode({"pseud": pseud_id}) if pseud_id else ""
    return render(
        request, "accounts/profile.html", {"author": author, "page": page, "query": query}
    )


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
