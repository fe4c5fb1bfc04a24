from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fanshelf.accounts"
    label = "accounts"
    verbose_name = "Accounts"
