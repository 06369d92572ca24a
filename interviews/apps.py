from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interviews"

    def ready(self):
        # newsroom offers one extension point, the registry of an article's parts;
        # interviews declares its parts there (interviews/parts.py).
        from newsroom.content.parts import PARTS

        from . import parts

        PARTS.register(*parts.PARTS)
