from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fanshelf.accounts.models import User
from fanshelf.works.models import Series, Work

from . import reading_services, subscription_services
from .reading_views import _back
from .subscription_selectors import subscriptions_of


@login_required
def subscriptions(request):
    preferences = reading_services.preferences_of(request.user)
    feed_url = request.build_absolute_uri(reverse("library:feed", args=[preferences.feed_token]))
    return render(
        request,
        "library/subscriptions.html",
        {"subscriptions": subscriptions_of(user=request.user), "feed_url": feed_url},
    )


@login_required
@require_POST
def subscribe(request):
    """POST kind=work|series|creator and id; the target must be one the reader may see."""
    kind, target_id = request.POST.get("kind"), request.POST.get("id", "")
    models = {"work": Work, "series": Series, "creator": User}
    if kind not in models or not target_id.isdigit():
        messages.error(request, "Choose what to subscribe to.")
        return _back(request, "library:subscriptions")
    target = models[kind].objects.filter(pk=int(target_id)).first()
    try:
        if target is None:
            raise ValidationError("No such thing to subscribe to.")
        subscription_services.subscribe(user=request.user, **{kind: target})
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Subscribed. You'll hear of what's new.")
    return _back(request, "library:subscriptions")


@login_required
@require_POST
def unsubscribe(request, subscription_id):
    subscription = get_object_or_404(request.user.subscriptions, pk=subscription_id)
    subscription_services.unsubscribe(subscription=subscription, user=request.user)
    messages.success(request, "Unsubscribed.")
    return _back(request, "library:subscriptions")


@login_required
@require_POST
def feed_reset(request):
    reading_services.feed_token_reset(user=request.user)
    messages.success(request, "Your feed has a new address; the old one no longer works.")
    return redirect("library:subscriptions")
