"""A browser stand-in that speaks Streamlit's own websocket protocol (no browser, no DOM).

It does what the Streamlit frontend does on `ws://host:port/_stcore/stream`:
subprotocol "streamlit"; a `BackMsg.rerun_script` carrying a `ClientState` (query string,
page, widget states, fragment); then it reads `ForwardMsg`s until `script_finished`.

    client = StreamlitClient("http://127.0.0.1:8501")
    await client.connect("lab", "seed=7")      # seconds to the first finished run
    await client.press("lab_kv1", 40)          # seconds from send to script_finished
    await client.click("lab_dose_response")    # a button: trigger_value, for one rerun only
    await client.close()

What it follows, as the frontend does (streamlit 1.67 source: web/server/starlette/
starlette_websocket.py, runtime/app_session.py, elements/widgets/slider.py):
* widgets are found in `delta.new_element.<type>.id`; the id ends with the user key;
* a widget drawn inside an `st.fragment` is sent with that delta's `fragment_id`, so only
  the fragment reruns (its run ends with FINISHED_FRAGMENT_RUN_SUCCESSFULLY);
* the page's query string follows `page_info_changed`, the page's hash `navigation`;
* slider values go as `double_array_value` (SliderSerde), one value per thumb.
No `cached_message_hashes` are sent, so the server sends every message in full.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import user_key_from_element_id
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

STREAM_PATH = "_stcore/stream"
MAX_FRAME_BYTES = 64 * 2**20
"""Streamlit allows 200 MB messages; the websockets default (1 MiB) is too small for a page."""

Finished = ForwardMsg.ScriptFinishedStatus
SUCCESS = frozenset({Finished.FINISHED_SUCCESSFULLY, Finished.FINISHED_FRAGMENT_RUN_SUCCESSFULLY})
DISCONNECTED = -1
"""Put on the finish queue when the connection drops."""


class ProtocolError(RuntimeError):
    """The session cannot go on; why is already in `StreamlitClient.errors`."""


@dataclass(frozen=True)
class Widget:
    id: str
    fragment_id: str


@dataclass
class StreamlitClient:
    """One browser tab's session. Problems are collected in `errors`, not raised mid-run."""

    base_url: str
    timeout_s: float = 120.0
    errors: list[str] = field(default_factory=list)
    widgets: dict[str, Widget] = field(default_factory=dict)
    query_string: str = ""
    page_hash: str = ""
    page_name: str = ""
    _values: dict[str, WidgetState] = field(default_factory=dict)
    _finished: asyncio.Queue[int] = field(default_factory=asyncio.Queue)
    _awaited: dict[str, asyncio.Future] = field(default_factory=dict)
    _socket: ClientConnection | None = None
    _reader: asyncio.Task | None = None
    _closing: bool = False

    @property
    def connected(self) -> bool:
        return self._socket is not None and self._reader is not None and not self._reader.done()

    async def connect(self, path: str = "", query: str = "") -> float:
        """Open the page at `path?query` as a fresh tab; seconds until its run finished."""
        self.page_name, self.query_string = path.strip("/"), query
        ws_url = self.base_url.replace("http", "ws", 1).rstrip("/") + "/" + STREAM_PATH
        self._socket = await connect(
            ws_url, subprotocols=["streamlit"], max_size=MAX_FRAME_BYTES,
            open_timeout=self.timeout_s, compression=None,
        )  # fmt: skip
        self._reader = asyncio.create_task(self._read())
        return await self._rerun(fragment_id="")

    async def press(self, key: str, value: float) -> float:
        """Set the slider with user key `key` to `value`, as a drag would; seconds to finish."""
        return await self._rerun(fragment_id=self._set_slider(key, value))

    async def click(self, key: str) -> float:
        """Click the button with user key `key`; seconds until the run it starts finished."""
        return await self._rerun(*self._trigger(key))

    async def send_click(self, key: str, until_element: str) -> None:
        """Click a button; return once an element of type `until_element` (say "progress")
        has arrived from the run it started, without waiting for the run to finish."""
        arrived = self._awaited[until_element] = asyncio.get_running_loop().create_future()
        await self._send(*self._trigger(key))
        try:
            await asyncio.wait_for(arrived, self.timeout_s)
        except TimeoutError:
            self._fail(f"timeout: no {until_element} element within {self.timeout_s:g} s")

    def _trigger(self, key: str) -> tuple[str, WidgetState]:
        """A button's click: its trigger is true for one rerun only, so it is not kept."""
        widget = self._widget(key)
        return widget.fragment_id, WidgetState(id=widget.id, trigger_value=True)

    def _widget(self, key: str) -> Widget:
        widget = self.widgets.get(key)
        if widget is None:
            self._fail(f"no widget with key {key!r} on the page")
        return widget

    def _set_slider(self, key: str, value: float) -> str:
        """Remember the slider's new value (sent with every rerun); return its fragment."""
        widget = self._widget(key)
        state = WidgetState(id=widget.id)
        state.double_array_value.data.append(float(value))
        self._values[widget.id] = state
        return widget.fragment_id

    async def close(self) -> None:
        self._closing = True
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.wait([self._reader], timeout=self.timeout_s)

    async def _send(self, fragment_id: str, once: WidgetState | None = None) -> None:
        if not self.connected:
            self._fail("rerun asked on a closed connection")
        client_state = ClientState(
            query_string=self.query_string, page_script_hash=self.page_hash,
            page_name="" if self.page_hash else self.page_name, fragment_id=fragment_id,
        )  # fmt: skip
        client_state.widget_states.widgets.extend(self._values.values())
        if once is not None:
            client_state.widget_states.widgets.append(once)
        client_state.context_info.url = f"{self.base_url}/{self.page_name}" + (
            f"?{self.query_string}" if self.query_string else ""
        )
        client_state.context_info.timezone = "UTC"
        message = BackMsg()
        message.rerun_script.CopyFrom(client_state)
        await self._socket.send(message.SerializeToString())

    async def _rerun(self, fragment_id: str, once: WidgetState | None = None) -> float:
        """Send a rerun; wait for the run to finish (a run ended by `st.rerun` is followed)."""
        started = time.perf_counter()
        await self._send(fragment_id, once)
        while True:
            try:
                status = await asyncio.wait_for(self._finished.get(), self.timeout_s)
            except TimeoutError:
                self._fail(f"timeout: no script_finished within {self.timeout_s:g} s")
            if status == DISCONNECTED:  # the reader has recorded it
                raise ProtocolError("disconnected while waiting for script_finished")
            if status != Finished.FINISHED_EARLY_FOR_RERUN:
                break
        if status not in SUCCESS:
            self.errors.append(f"script_finished with {Finished.Name(status)}")
        return time.perf_counter() - started

    def _fail(self, problem: str) -> None:
        self.errors.append(problem)
        raise ProtocolError(problem)

    async def _read(self) -> None:
        try:
            async for frame in self._socket:
                message = ForwardMsg()
                message.ParseFromString(frame)
                self._handle(message)
        except ConnectionClosed:
            pass
        finally:
            if not self._closing:
                self.errors.append("disconnected by the server")
            self._finished.put_nowait(DISCONNECTED)
            for arrived in self._awaited.values():
                if not arrived.done():
                    arrived.set_result(None)

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.HasField("new_element"):
            self._on_element(message.delta)
        elif kind == "script_finished":
            self._finished.put_nowait(message.script_finished)
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "navigation":
            self.page_hash = message.navigation.page_script_hash
        elif kind == "page_not_found":
            self.errors.append(f"page not found: {self.page_name!r}")
        elif kind == "session_event" and message.session_event.HasField(
            "script_compilation_exception"
        ):
            self.errors.append("script compilation error")

    def _on_element(self, delta) -> None:
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(f"exception on the page: {element.exception.type}: "
                               f"{element.exception.message[:200]}")  # fmt: skip
            return
        arrived = self._awaited.pop(kind, None)
        if arrived is not None and not arrived.done():
            arrived.set_result(None)
        inner = getattr(element, kind) if kind else None
        if inner is not None and "id" in inner.DESCRIPTOR.fields_by_name and inner.id:
            key = user_key_from_element_id(inner.id)
            if key is not None:
                self.widgets[key] = Widget(inner.id, delta.fragment_id)
