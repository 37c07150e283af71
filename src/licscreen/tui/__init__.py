"""The Textual app. Only ``licscreen`` (the TUI command) imports this package."""
