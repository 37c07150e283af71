"""licscreen: SuperOffice CRM's Licences screen in the terminal."""

__version__ = "0.1.0"
