class SyncError(Exception):
    """A sync that failed: one line a person can act on; nothing was written."""
