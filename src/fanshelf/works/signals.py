from django.dispatch import Signal

# Sent with `work=` after a transaction that created or changed a work commits. Tags, search and
# analysis listen here, so the works app never imports them.
work_saved = Signal()
