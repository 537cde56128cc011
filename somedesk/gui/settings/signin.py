"""One browser sign-in from the desktop: `Accounts.connect` runs on a worker thread, and the three things it
asks of the face (a hidden secret, opening the browser, showing the address) are carried to the GUI thread.

Cancel ends the wait for the browser through `Accounts.connect`'s cancel event, which cancels the loopback
receiver (`LoopbackReceiver.cancel()`) for either network. It does not send the receiver a request of its
own: the receiver ignores any request without the sign-in's state (issue 13).
"""

from __future__ import annotations

import contextlib
import logging
import threading

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from somedesk.app.accounts import SIGN_IN_TIMEOUT, Accounts, SignInUi
from somedesk.core.accounts import Account
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.gui.messages import user_message
from somedesk.networks.loopback import SignInCancelled

log = logging.getLogger(__name__)


class BrowserSignIn(QObject):
    """Connects one account on a worker thread; every signal arrives on the GUI thread.

    Signals:
        address(str): the sign-in address, to show for copy-paste if no browser opened.
        connected(object): the `Account` that is now connected.
        failed(str): a one-line message for the person.
        cancelled(): Cancel ended the sign-in.
    """

    address = Signal(str)
    connected = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    _open_browser = Signal(str)
    _ask_secret = Signal(str)
    _outcome = Signal(object, str)

    def __init__(
        self,
        accounts: Accounts,
        network: Network,
        dialog_parent: QWidget,
        timeout: float = SIGN_IN_TIMEOUT,
    ) -> None:
        super().__init__(dialog_parent)
        self.accounts = accounts
        self.network = network
        self.timeout = timeout
        self._dialog_parent = dialog_parent
        self._cancel = threading.Event()
        self._answered = threading.Event()
        self._secret = ""
        self.secret_dialog: QInputDialog | None = None
        self.is_finished = False
        queued = Qt.ConnectionType.QueuedConnection
        self._open_browser.connect(self._open_on_gui_thread, queued)
        self._ask_secret.connect(self._ask_on_gui_thread, queued)
        self._outcome.connect(self._finish, queued)

    def start(self) -> None:
        ui = SignInUi(
            ask_secret=self._worker_ask_secret, open_browser=self._worker_open, show_url=self._worker_show
        )
        threading.Thread(
            target=self._run, args=(ui,), name=f"sign-in-{self.network.value}", daemon=True
        ).start()

    def cancel(self) -> None:
        """Stop waiting (any time, from the GUI thread); `cancelled` follows once the worker has let go."""
        if self._cancel.is_set() or self.is_finished:
            return
        self._cancel.set()
        self._answered.set()  # a secret still being asked for is not coming
        if self.secret_dialog is not None:
            self.secret_dialog.reject()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # The worker thread ------------------------------------------------------------------------

    def _run(self, ui: SignInUi) -> None:
        try:
            account = self.accounts.connect(self.network, ui, timeout=self.timeout, cancel=self._cancel)
        except UserError as error:
            self._report(None, user_message(error))
            return
        except Exception:
            log.exception("sign-in to %s failed", self.network.value)
            self._report(None, "")
            return
        self._report(account, "")

    def _report(self, account: Account | None, message: str) -> None:
        # RuntimeError: the window was closed and deleted meanwhile; there is nobody left to tell.
        with contextlib.suppress(RuntimeError):
            self._outcome.emit(account, message)

    def _worker_ask_secret(self, prompt: str) -> str:
        if self._cancel.is_set():
            return ""
        self._answered.clear()
        with contextlib.suppress(RuntimeError):
            self._ask_secret.emit(prompt)
        self._answered.wait(self.timeout)
        return "" if self._cancel.is_set() else self._secret

    def _worker_show(self, url: str) -> None:
        # The receiver is listening by now, and Cancel ends its wait through the cancel event.
        if self._cancel.is_set():
            raise SignInCancelled("Sign-in was cancelled.")
        with contextlib.suppress(RuntimeError):
            self.address.emit(url)

    def _worker_open(self, url: str) -> None:
        with contextlib.suppress(RuntimeError):
            self._open_browser.emit(url)

    # The GUI thread ---------------------------------------------------------------------------

    def _open_on_gui_thread(self, url: str) -> None:
        if not self._cancel.is_set():
            QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii", "ignore")))

    def _ask_on_gui_thread(self, prompt: str) -> None:
        dialog = QInputDialog(self._dialog_parent)
        dialog.setWindowTitle(self.tr("Connect {network}").format(network=self.network.display_name))
        dialog.setLabelText(prompt.strip().rstrip(":"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.finished.connect(lambda result: self._answer(dialog, result))
        self.secret_dialog = dialog
        dialog.open()

    def _answer(self, dialog: QInputDialog, result: int) -> None:
        accepted = result == QInputDialog.DialogCode.Accepted.value
        self._secret = dialog.textValue() if accepted else ""
        dialog.setTextValue("")  # the secret does not stay in a widget
        self.secret_dialog = None
        dialog.deleteLater()
        self._answered.set()

    def _finish(self, account: Account | None, message: str) -> None:
        self.is_finished = True
        if account is not None:
            # Even after Cancel: the browser came back first, and the account is connected.
            self.connected.emit(account)
        elif self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(
                message or self.tr("The sign-in failed; the details are in somedesk's log file.")
            )
