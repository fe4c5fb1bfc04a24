from django.dispatch import Signal

# Sent with `work_ids=` (a list) after a transaction that changed which canonical tags find
# those works, or renamed one of them, commits. Search listens here to reindex them.
work_filters_changed = Signal()
