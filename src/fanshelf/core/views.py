from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import services
from .forms import SiteSettingsForm
from .selectors import site_settings


def terms(request):
    return render(
        request,
        "core/policy.html",
        {"title": "Terms of service", "text": site_settings().terms_of_service},
    )


def privacy(request):
    return render(
        request,
        "core/policy.html",
        {"title": "Privacy policy", "text": site_settings().privacy_policy},
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    form = SiteSettingsForm(request.POST or None, instance=site_settings())
    if request.method == "POST" and form.is_valid():
        services.site_settings_update(**form.cleaned_data)
        messages.success(request, "Site settings saved.")
        return redirect("core:settings")
    return render(request, "core/settings.html", {"form": form})
