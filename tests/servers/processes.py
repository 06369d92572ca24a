"""Start the real servers the tests in this folder talk to, and stop them.

Each server listens on 127.0.0.1 on a port from NEWSROOM_TEST_PORT_BASE (8100 by
default; see ``PORTS``), writes its output to a log file that is shown when it
fails to start, and is stopped — terminated, then killed if it lingers — when the
fixture that started it ends. Every wait is bounded.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
BASE_PORT = int(os.environ.get("NEWSROOM_TEST_PORT_BASE", "8100"))
PORTS = {
    "app1": BASE_PORT + 1,
    "app2": BASE_PORT + 2,
    "varnish": BASE_PORT + 10,
    "s3": BASE_PORT + 20,
}
# NEWSROOM_TEST_SERVERS=required (.ci/run sets it): a server that cannot be started
# fails its tests instead of skipping them.
REQUIRED = os.environ.get("NEWSROOM_TEST_SERVERS", "") == "required"
PID_DIR = os.environ.get("NEWSROOM_TEST_PID_DIR", "")


class Server:
    """One process, started in its own process group so that it can be stopped
    with everything it forked (gunicorn's workers, Varnish's child)."""

    def __init__(self, name, command, *, env=None, log_dir, cwd=ROOT):
        self.name = name
        self.log_path = Path(log_dir) / f"{name}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.pid_file = None
        if PID_DIR:
            # .ci/run stops what a killed test run left behind.
            self.pid_file = Path(PID_DIR) / f"{name}-{self.process.pid}.pid"
            self.pid_file.write_text(str(self.process.pid))

    def log(self):
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_for(self, url, *, timeout=30, accept=(200,)):
        """Wait until ``url`` answers one of ``accept``; raise, with the log, if the
        process ends or the time runs out."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status in accept:
                        return
                    last = response.status
            except urllib.error.HTTPError as error:
                if error.code in accept:
                    return
                last = error.code
            except OSError as error:
                last = error
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} not ready at {url} ({last}):\n{self.log()}")

    def stop(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        self._log.close()
        if self.pid_file:
            self.pid_file.unlink(missing_ok=True)


def unavailable(reason):
    """Skip the test — or, when the servers are required (CI), fail it."""
    import pytest

    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


def program(name):
    """The path of an executable: the virtualenv's first, then the system's."""
    candidate = VENV_BIN / name
    if candidate.exists():
        return str(candidate)
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
