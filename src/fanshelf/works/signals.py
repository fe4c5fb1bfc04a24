from django.dispatch import Signal

# Sent with `work=` after a transaction that created or changed a work commits. Tags, search and
# analysis listen here, so the works app never imports them.
work_saved = Signal()

# Sent with `work=` and `reason=` inside the transaction that holds a new work back for a
# moderator (a publish check flagged it); the moderation app files it in its queue.
work_held = Signal()
# Sent with `work=` inside the transaction that changed who may see a work (hidden by an admin,
# restricted or not), so listings and counts follow at once, whether or not jobs run.
work_visibility_changed = Signal()
# Sent with `work=` and `request=` when a reader opens a work or one of its chapters, so hit
# counting lives with the responses and the reading view never waits on a counter.
work_read = Signal()
