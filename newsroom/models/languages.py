"""The languages articles and bios are written in."""

RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ckb"}
# Each language named in itself, for links to an edition in that language.
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fr": "Français"}
