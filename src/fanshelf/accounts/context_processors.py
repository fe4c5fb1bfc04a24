def reader_preferences(request):
    """Theme and notes preferences for the base template; guests follow their device."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {"theme": user.theme, "hide_notes_default": user.hide_notes}
    return {"theme": "system", "hide_notes_default": False}
