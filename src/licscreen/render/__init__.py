"""Rich renderables shared by the CLI's tables and the app: store text shown literally, badges,
the Database block, portraits. Imports Rich, never Textual; the plain words come from
:mod:`licscreen.present`."""
