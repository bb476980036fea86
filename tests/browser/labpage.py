"""Acting on a JupyterLab page as a learner would, and reading what the learner sees.

Used by the browser tests (the fixtures live in conftest.py): `write_notebook` puts a notebook in
the server's root, `open_notebook` opens it in the test's Playwright page, the other helpers act
on that page and read it. Nothing here edits or saves a notebook.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote

import nbformat

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "browser"
SCREEN = {"width": 1366, "height": 768}  # a common laptop: the standard every page is measured at
PAGE_TIMEOUT_MS = 30_000
RUN_ALL_TIMEOUT_MS = 180_000
KERNEL_NAME = "Python 3 (ipykernel)"
KERNEL_IDLE = re.compile(r"\|\s*Idle\s*$")
_workspaces = count(1)
T = TypeVar("T")

# --- helpers: notebooks -----------------------------------------------------------------------


def write_notebook(directory: Path, name: str, cells: list[str]) -> str:
    """Write a notebook of code cells (Python 3 kernelspec, no outputs); return its file name."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": KERNEL_NAME, "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(notebook, directory / name)
    return name


def linked_folders() -> set[str]:
    """notebooks/ and the top-level folder (or file) of every relative link in the notebooks'
    markdown: ../images/backpropagation.svg -> images."""
    folders = {"notebooks"}
    for path in (REPO / "notebooks").rglob("*.ipynb"):  # both editions
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"])
                for target in re.findall(r"\]\(([^)\s#]+)|src=[\"']([^\"'#]+)", text):
                    link = next(part for part in target if part)
                    if "://" not in link and not link.startswith("data:"):
                        folders.add((path.parent / link).resolve().relative_to(REPO).parts[0])
    return folders


def copy_course(directory: Path) -> Path:
    """Copy the notebooks and what they link to into `directory`, laid out as in the repository
    (notebooks/, images/), so that relative links resolve as they do for a learner; return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in sorted(linked_folders()):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, directory / name, dirs_exist_ok=True)
        else:
            shutil.copy2(REPO / name, directory / name)
    return directory


def open_notebook(page: Page, path: str) -> None:
    """Open `path` (relative to the server root) in a workspace of its own; wait for an idle kernel."""
    page.goto(f"/lab/workspaces/test{next(_workspaces)}/tree/{quote(path)}")
    wait_notebook_ready(page)


def open_as_learner(page: Page, path: str) -> None:
    """Open `path` (relative to the server root) at /lab/tree/<path>, the address the course command
    opens, with the layout JupyterLab starts with (?reset: the file browser open on the left, no
    tab left over from an earlier test); wait for an idle kernel."""
    page.goto(f"/lab/tree/{quote(path)}?reset")
    wait_notebook_ready(page)


def wait_notebook_ready(page: Page) -> None:
    """Wait for the notebook's first cell and an idle kernel."""
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
    wait_kernel_idle(page)


def wait_kernel_idle(page: Page, timeout_ms: int = PAGE_TIMEOUT_MS) -> None:
    """Wait until the status bar says the kernel is Idle ("Python 3 (ipykernel) | Idle")."""
    page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=timeout_ms)


# Run All on a notebook saved with execution counts may end with the very prompts it started with
# ([1]..[n] again in a fresh kernel), so "new numbers" cannot tell that the run happened. Instead a
# MutationObserver, installed before the click, records that some prompt showed "[*]:" (JupyterLab
# marks every queued cell in the click's own task, before any reply can arrive); the run is over
# once that was seen and no prompt shows "[*]:" any more.
_WATCH_RUN_JS = """() => {
    const running = () => Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'))
        .some(e => e.textContent.trim() === '[*]:');
    window.__labRunSeen = false;
    window.__labRunObserver?.disconnect();
    window.__labRunObserver = new MutationObserver(() => {
        if (running()) window.__labRunSeen = true;
    });
    window.__labRunObserver.observe(document.body, {subtree: true, childList: true, characterData: true});
    window.__labRunRunning = running;
}"""
_RUN_FINISHED_JS = "() => window.__labRunSeen && !window.__labRunRunning()"


def run_all_cells(page: Page, timeout_ms: int = RUN_ALL_TIMEOUT_MS) -> None:
    """Run > Run All Cells, then wait until some cell was seen queued or running ("[*]"), none is any
    more, and the kernel is Idle. Works whatever execution counts the notebook was saved with.
    A cell that raises stops the run there."""
    page.evaluate(_WATCH_RUN_JS)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(_RUN_FINISHED_JS, timeout=timeout_ms)
    page.evaluate("() => window.__labRunObserver.disconnect()")
    wait_kernel_idle(page)


def cell_output(page: Page, index: int) -> Locator:
    """The output area of the notebook's cell number `index` (0-based, all cells counted)."""
    return page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-Cell-outputArea")


_ERRORS_JS = """() => {
    const found = [];
    document.querySelectorAll('.jp-Notebook .jp-Cell').forEach((cell, i) => {
        cell.querySelectorAll('.jp-OutputArea-output').forEach(output => {
            const text = output.textContent.trim();
            if (output.dataset.mimeType === 'application/vnd.jupyter.stderr'
                || text.includes('Error displaying widget')) found.push(`cell ${i}: ${text}`);
        });
        cell.querySelectorAll('.jupyter-widgets-error-widget').forEach(
            w => found.push(`cell ${i}: widget error: ${w.textContent.trim()}`));
    });
    return found;
}"""


def cell_errors(page: Page) -> list[str]:
    """What the learner sees as an error, one string per box: tracebacks and other stderr output
    (JupyterLab draws both as the same red box), "Error displaying widget", widget error views."""
    return page.evaluate(_ERRORS_JS)


def output_text(page: Page, index: int) -> str:
    """The text of cell `index`'s outputs, as shown."""
    return cell_output(page, index).inner_text()


# --- helpers: pictures ------------------------------------------------------------------------

_SVG_TEXTS_JS = """(root) => {
    const lines = svg => Array.from(svg.querySelectorAll('text'), t => t.textContent)
        .filter(text => text.trim() !== '').join('\\n');
    const decode = src => {
        const comma = src.indexOf(',');
        const body = src.slice(comma + 1);
        const xml = src.slice(0, comma).endsWith(';base64')
            ? new TextDecoder().decode(Uint8Array.from(atob(body), c => c.charCodeAt(0)))
            : decodeURIComponent(body);
        return new DOMParser().parseFromString(xml, 'image/svg+xml').documentElement;
    };
    const pictures = root.querySelectorAll(
        '.jp-OutputArea-output img[src^="data:image/svg+xml"], .jp-OutputArea-output svg');
    return Array.from(pictures)
        .filter(e => e.tagName.toLowerCase() === 'img' || !e.parentElement.closest('svg'))
        .map(e => lines(e.tagName.toLowerCase() === 'img' ? decode(e.getAttribute('src')) : e));
}"""


def svg_texts(page: Page, where: int | Locator | None = None) -> list[str]:
    """The visible text of every SVG picture in the outputs, one string per picture: its <text>
    elements joined by newlines, blank ones left out, entities decoded (&#45; reads "-"). Covers the
    <img src="data:image/svg+xml,..."> JupyterLab makes of an SVG output and the inline <svg> of
    an ipywidgets.HTML. `where`: a cell index, a locator inside the outputs, or the whole notebook."""
    if where is None:
        scope = page.locator(".jp-Notebook")
    elif isinstance(where, int):
        scope = cell_output(page, where)
    else:
        scope = where
    return scope.evaluate(_SVG_TEXTS_JS)


Box = tuple[str, tuple[str, ...]]  # (name, (value,) or (value, gradient)) as a graph picture writes it


def shown(x: float) -> str:
    """x as the pictures write it: 4 significant digits, no "-0"."""
    text = f"{x:.4g}"
    return "0" if text == "-0" else text


def boxes(picture: str) -> list[Box]:
    """Read the boxes off a picture's text: name, "data", value[, "grad", gradient]."""
    words = picture.split("\n")
    found: list[Box] = []
    for i in range(len(words) - 2):
        if words[i + 1] == "data":
            has_grad = i + 4 < len(words) and words[i + 3] == "grad"
            found.append((words[i], (words[i + 2], words[i + 4]) if has_grad else (words[i + 2],)))
    return found


def wait_for(probe: Callable[[], T], ok: Callable[[T], bool], what: str, timeout_s: float = 30.0) -> T:
    """Call `probe` until `ok` accepts its value (the kernel answers widget changes asynchronously);
    return that value, or fail naming `what` and the last value seen."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = probe()
        if ok(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout_s:.0f}s still waiting for {what}; last seen: {value!r}")
        time.sleep(0.1)


_PICTURES = ".jp-OutputArea-output img, .jp-OutputArea-output svg, .jp-MarkdownOutput img"
_COUNT_PICTURES_JS = f"() => document.querySelectorAll('.jp-Notebook :is({_PICTURES})').length"

# Each cell with pictures is scrolled into view first: JupyterLab's default windowing mode
# (content-visibility) skips laying out cells out of view. Text sizes: font-size (in the SVG's
# user units) times the vertical scale of the text's screen CTM. An <img>'s SVG is fetched, parsed
# and laid out at its natural size in a hidden shadow root (its <style> cannot reach the page),
# then scaled by rendered width / natural width. A picture is tagged data-picture="<cell>-<k>".
_MEASURE_PICTURES_JS = """async (selector) => {
    const AREA = '.jp-OutputArea-output, .jp-MarkdownOutput';
    const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const settled = img => img.complete ? Promise.resolve() : new Promise(r => {
        img.addEventListener('load', r, {once: true});
        img.addEventListener('error', r, {once: true});
        setTimeout(r, 10000);
    });
    const host = document.createElement('div');
    host.style.cssText = 'position: fixed; left: 0; top: 0; visibility: hidden; pointer-events: none';
    document.body.append(host);
    const shadow = host.attachShadow({mode: 'open'});
    const ownText = e => Array.from(e.childNodes)
        .some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    const smallestText = svg => {
        let smallest = Infinity;
        svg.querySelectorAll('text, tspan').forEach(t => {
            const ctm = t.getScreenCTM();
            if (!ctm || !ownText(t)) return;
            const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.c, ctm.d);
            if (px > 0) smallest = Math.min(smallest, px);
        });
        return smallest === Infinity ? null : smallest;
    };
    const atNaturalSize = svg => {  // [width px, smallest text px] of a copy laid out unstyled
        const copy = document.importNode(svg, true);
        copy.removeAttribute('style');
        shadow.replaceChildren(copy);
        return [copy.getBoundingClientRect().width, smallestText(copy)];
    };
    const fetchSvg = async img => {
        try {
            const response = await fetch(img.currentSrc || img.src);
            if (!response.ok || !(response.headers.get('content-type') || '').includes('svg')) return null;
            const doc = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
            return doc.documentElement.localName === 'svg' ? doc.documentElement : null;
        } catch (error) {
            return null;
        }
    };
    const rows = [];
    const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
    for (const [index, cell] of cells.entries()) {
        const pictures = Array.from(cell.querySelectorAll(selector))
            .filter(e => !e.parentElement.closest('svg'));
        if (pictures.length === 0) continue;
        cell.scrollIntoView({block: 'start'});
        await frames();
        await Promise.all(pictures.filter(e => e.localName === 'img').map(settled));
        await frames();
        for (const [k, e] of pictures.entries()) {
            e.setAttribute('data-picture', `${index}-${k}`);
            let area = e.parentElement.closest(AREA);
            while (area.parentElement.closest(AREA) && cell.contains(area.parentElement.closest(AREA)))
                area = area.parentElement.closest(AREA);
            const box = e.getBoundingClientRect();
            const areaBox = area.getBoundingClientRect();
            const areaRight = areaBox.left + area.clientLeft + area.clientWidth;
            const clipped = [];
            if (box.width > 0 && box.right > areaRight + 0.5)
                clipped.push(`right edge ${Math.round(box.right - areaRight)} px beyond the output area`);
            for (let a = e.parentElement; box.width > 0 && a !== area.parentElement; a = a.parentElement)
                if (a.scrollWidth > a.clientWidth + 1) {
                    clipped.push(`in a box scrolled sideways (${a.scrollWidth} px in ${a.clientWidth} px)`);
                    break;
                }
            const row = {
                cell: index, id: `${index}-${k}`, kind: e.localName, width: box.width, area: area.clientWidth,
                clipped: clipped.join('; '), markdown: area.matches('.jp-MarkdownOutput'),
                source: (e.localName === 'img' ? (e.getAttribute('src') || '') : '').split(',')[0],
            };
            if (e.localName === 'img') {
                row.loaded = e.complete && e.naturalWidth > 0;
                row.natural = e.naturalWidth;
                const svg = row.loaded ? await fetchSvg(e) : null;
                row.graph = svg !== null && svg.querySelector('g.graph') !== null;
                if (svg !== null) {
                    const [width, text] = atNaturalSize(svg);
                    row.text = text === null || width === 0 ? null : text * box.width / width;
                }
            } else {
                row.loaded = true;
                row.natural = atNaturalSize(e)[0];
                row.graph = e.querySelector('g.graph') !== null;
                row.text = smallestText(e);
            }
            rows.push(row);
        }
    }
    host.remove();
    return rows;
}"""


@dataclass(frozen=True)
class Picture:
    """One picture of a notebook as shown: an <img> (SVG or PNG output, markdown image) or an inline
    <svg> (widgets). Widths in CSS px; `text`: its smallest text on screen in px (None: no text or
    not an SVG); `clipped`: why it is not fully visible in its output area ("" when it is)."""

    cell: int
    id: str
    kind: str
    width: float
    natural: float
    area: int
    loaded: bool
    clipped: str
    graph: bool
    markdown: bool
    source: str
    text: float | None = None


def count_pictures(page: Page) -> int:
    """How many pictures the notebook's outputs and rendered markdown show."""
    return page.evaluate(_COUNT_PICTURES_JS)


def measure_pictures(page: Page) -> list[Picture]:
    """Every picture in the notebook's outputs and rendered markdown, measured as shown (see Picture);
    the element of each is tagged data-picture="<id>" (for `picture_element`)."""
    return [Picture(**row) for row in page.evaluate(_MEASURE_PICTURES_JS, _PICTURES)]


def picture_element(page: Page, picture: Picture) -> Locator:
    """The element `measure_pictures` measured as `picture`."""
    return page.locator(f'[data-picture="{picture.id}"]')


# --- helpers: widgets -------------------------------------------------------------------------


def slider(page: Page, description: str, within: Locator | None = None) -> Locator:
    """The ipywidgets slider whose label reads exactly `description`, in the outputs or `within`
    (e.g. `cell_output(page, i)` when several cells have a slider of that name)."""
    label = page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(description)}$"))
    if within is None:
        return page.locator(".jp-OutputArea .widget-slider", has=label)
    return within.locator(".widget-slider", has=label)


def slider_value(slider_locator: Locator) -> float:
    """The value the slider's model holds, read from the handle's aria-valuetext (the full number,
    e.g. 2.2600000000000016 after steps of 0.01; aria-valuenow is rounded to one decimal)."""
    return float(slider_locator.locator(".noUi-handle").get_attribute("aria-valuetext") or "nan")


def slider_readout(slider_locator: Locator) -> str:
    """The number shown beside the slider, as the learner reads it (negatives with U+2212 "−")."""
    return slider_locator.locator(".widget-readout").inner_text()


def move_slider_keyboard(page: Page, slider_locator: Locator, presses: int, key: str = "ArrowRight") -> float:
    """Focus the slider's handle and press `key` `presses` times (arrows move one step; Home, End,
    PageUp, PageDown also work); return the value the handle then shows."""
    if presses < 1:
        raise ValueError(f"move_slider_keyboard: presses must be >= 1, got {presses}")
    handle = slider_locator.locator(".noUi-handle")

    def focused() -> bool:
        """Scroll to the handle and focus it: JupyterLab may take the focus back (for a cell it
        activates) just after a run, and then a key would move through the notebook instead."""
        handle.scroll_into_view_if_needed()
        handle.focus()
        return handle.evaluate("e => e === document.activeElement")

    wait_for(focused, bool, "the slider's handle to keep the keyboard focus", timeout_s=10)
    for _ in range(presses):
        page.keyboard.press(key)
    return slider_value(slider_locator)


def drag_slider(page: Page, slider_locator: Locator, fraction: float) -> float:
    """Drag the handle with the mouse to `fraction` of the track (0 = left end, 1 = right end);
    return the value the handle then shows (snapped to the slider's step)."""
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"drag_slider: fraction must be in [0, 1], got {fraction}")
    handle = slider_locator.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    grip, track = handle.bounding_box(), slider_locator.locator(".noUi-base").bounding_box()
    assert grip is not None and track is not None, "drag_slider: the slider is not displayed"
    y = grip["y"] + grip["height"] / 2
    page.mouse.move(grip["x"] + grip["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + fraction * track["width"], y, steps=10)
    page.mouse.up()
    return slider_value(slider_locator)


def click_button(page: Page, text: str) -> None:
    """Click the widget button in the outputs whose accessible name (text, title) is `text`."""
    page.locator(".jp-OutputArea").get_by_role("button", name=text, exact=True).click()


def press_play(page: Page) -> None:
    """Press the ▶ button of the ipywidgets.Play in the outputs (its buttons are icons, unnamed)."""
    page.locator(".jp-OutputArea .widget-play button:has(.fa-play)").click()


def screenshot(page: Page, name: str) -> Path:
    """Save the visible page as artifacts/browser/<name>.png; return the path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path))
    return path
