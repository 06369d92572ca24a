from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Interviews")

    def ready(self):
        # newsroom offers one extension point, the registry of an article's parts;
        # interviews declares its parts there (interviews/parts.py).
        from newsroom.content.parts import PARTS

        from . import parts

        PARTS.register(*parts.PARTS)
