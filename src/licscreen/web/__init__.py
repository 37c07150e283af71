"""licscreen in a browser (``licscreen serve``): a front end beside the command line and the app.

``server.py`` serves the app with textual-serve (the ``web`` extra), one app process per browser
tab, closing textual-serve's gaps (docs/web.md); ``session.py`` is that process. Nothing imports
this package at start-up: only the ``serve`` command, when it runs.
"""
