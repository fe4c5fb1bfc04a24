from django.shortcuts import get_object_or_404

from .models import User


def user_with_pseuds(*, username: str) -> User:
    return get_object_or_404(User.objects.prefetch_related("pseuds"), username=username)
