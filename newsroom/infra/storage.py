"""Uploads on the local disk, written whole or not at all.

Django's FileSystemStorage writes an upload straight under its final name: when
the disk fills (or the process dies) in the middle, a truncated file is left
where pages will point. Here each file is written under a temporary name in the
same folder and linked to its final name only once complete; a failed write
removes the temporary file and leaves nothing behind.
"""

import os
import uuid

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        partial = f"{name}.{uuid.uuid4().hex}.partial"
        try:
            partial = super()._save(partial, content)
        except BaseException:
            self._discard(partial)
            raise
        try:
            return self._link(partial, name)
        finally:
            self._discard(partial)

    def _link(self, partial, name):
        """Give the complete file its final name: a hard link, so that a name
        taken meanwhile is never overwritten (the next free one is used)."""
        while True:
            try:
                os.link(self.path(partial), self.path(name))
            except FileExistsError:
                name = self.get_alternative_name(*os.path.splitext(name))
            else:
                return name

    def _discard(self, partial):
        try:
            os.remove(self.path(partial))
        except FileNotFoundError:
            pass
