from django.dispatch import Signal

# Sent with `work=` after a transaction that created or changed a work commits. Tags, search and
# analysis listen here, so the works app never imports them.
work_saved = Signal()

# Sent with `work=` and `request=` when a reader opens a work or one of its chapters, so hit
# counting lives with the responses and the reading view never waits on a counter.
work_read = Signal()
