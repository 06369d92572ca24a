"""The languages the site and the admin speak.

- ``interface``: which interface language a page is in (an edition's own, else the
  site's), its direction, its Open Graph locale;
- ``dates``: dates and numbers as Arabic pages write them (Levantine or Egyptian
  month names, Arabic-Indic or Western digits: settings);
- ``middleware``: the language of each request: the site's for readers, each
  editor's own choice in the admin (``newsroom.models.InterfacePreference``).

The words themselves are in ``locale/<code>/LC_MESSAGES/django.po``.
"""
