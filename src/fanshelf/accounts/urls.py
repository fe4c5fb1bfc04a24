from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import invitation_views, relation_views, views
from .forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:login"),
        ),
        name="password_reset_confirm",
    ),
    path("pseuds/", views.pseuds, name="pseuds"),
    path("invitations/request/", invitation_views.request_invitation, name="invite_request"),
    path("invitations/", invitation_views.my_invitations, name="invitations"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/blocked-and-muted/", relation_views.relations_page, name="relations"),
    path(
        "users/<str:username>/relation/<str:action>/",
        relation_views.relation_change,
        name="relation",
    ),
    path("users/<str:username>/", views.profile, name="profile"),
]
