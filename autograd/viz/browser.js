// The ES module of autograd.viz.browser.BrowserPicture (anywidget): Graphviz DOT drawn in the page
// with @viz-js/viz, in the first candidate layout that fits (see browser.py for the rules).

let vizLoading = null; // one viz.js instance for the whole page, loaded when first needed

function vizUrls(model) {
  const { site, cdn } = model.get("viz_urls");
  const urls = [];
  try {
    const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
    const base = new URL(config.baseUrl || "/", document.baseURI);
    urls.push(new URL(site, base).href);
  } catch (error) {
    // not a Jupyter page, or one without a base URL: only the npm release
  }
  urls.push(cdn);
  return urls;
}

async function loadViz(urls) {
  const failures = [];
  for (const url of urls) {
    try {
      const viz = await import(/* webpackIgnore: true */ url);
      return await viz.instance();
    } catch (error) {
      failures.push(`${url}: ${error.message || error}`);
    }
  }
  throw Object.assign(new Error(failures.join("\n")), { vizNotLoaded: true });
}

function widthPt(svg) {
  return parseFloat(svg.getAttribute("width")); // Graphviz writes it in points: width="123.45pt"
}

// How much Graphviz scaled the drawing down to its `size` (viz.fit.svg_scale): 1 at its own size.
function graphScale(svg) {
  const found = /scale\(([\d.]+)/.exec(svg.querySelector("g.graph")?.getAttribute("transform") ?? "");
  return found ? parseFloat(found[1]) : 1;
}

// The index of the first DOT whose picture fits (viz.fit.fits: not wider than the budget, not
// scaled below min_scale), else of the narrowest at its own size (viz.fit.fitting_layout's rule).
// `known`: DOT -> [width in points, scale], of the DOT sources measured before.
function chooseLayout(viz, measured, model, known) {
  const budgetPt = model.get("max_width_px") / model.get("px_per_pt");
  const natural = [];
  for (const [index, dot] of measured.entries()) {
    if (!known.has(dot)) {
      const svg = viz.renderSVGElement(dot);
      known.set(dot, [widthPt(svg), graphScale(svg)]);
    }
    const [width, scale] = known.get(dot);
    if (width <= budgetPt && scale >= model.get("min_scale")) return index;
    natural.push(width / scale);
  }
  return natural.indexOf(Math.min(...natural));
}

// Never wider than the output area, in proportion, like the widgets' inline SVG; but never so
// shrunk that its smallest text falls below min_text_px: then the output scrolls sideways.
function sizeLikeThePage(svg, model) {
  const pxPerPt = model.get("px_per_pt");
  const naturalPx = widthPt(svg) * pxPerPt;
  const viewBox = svg.viewBox.baseVal;
  const unitPx = (viewBox && viewBox.width > 0 ? naturalPx / viewBox.width : pxPerPt) * graphScale(svg);
  const sizes = Array.from(svg.querySelectorAll("text[font-size]"), t => parseFloat(t.getAttribute("font-size")));
  const smallestPx = sizes.length ? Math.min(...sizes) * unitPx : Infinity;
  const scale = Math.min(1, model.get("min_text_px") / smallestPx);
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  svg.style.minWidth = `${naturalPx * scale}px`;
}

function showError(el, model, error) {
  const messages = model.get("messages");
  const template = error.vizNotLoaded ? messages.no_viz : messages.failed;
  const pre = document.createElement("pre");
  pre.setAttribute("style", model.get("error_style"));
  pre.className = "autograd-picture-error";
  pre.textContent = template.replace("{error}", error.message || String(error));
  el.replaceChildren(pre);
}

export default {
  render({ model, el }) {
    el.style.overflowX = "auto";
    const kept = new Map(); // keep_key -> the layout chosen first for it
    const known = new Map(); // DOT -> [width in points, scale]
    const draw = async () => {
      el.style.opacity = model.get("faded") ? "0.3" : "";
      const dots = model.get("dots");
      if (dots.length === 0) {
        el.replaceChildren();
        return;
      }
      try {
        const viz = await (vizLoading ??= loadViz(vizUrls(model)));
        const given = model.get("measured");
        const measured = given.length === dots.length ? given : dots;
        const key = model.get("keep_key");
        const index = key && kept.has(key) ? kept.get(key) : chooseLayout(viz, measured, model, known);
        if (key) kept.set(key, index);
        const svg = viz.renderSVGElement(dots[index]);
        sizeLikeThePage(svg, model);
        el.replaceChildren(svg);
        if (model.get("layout") !== index) {
          model.set("layout", index);
          model.save_changes();
        }
      } catch (error) {
        showError(el, model, error);
      }
    };
    let drawing = Promise.resolve();
    let queued = false;
    const redraw = () => { // one redraw for changes that arrive together, in order
      if (queued) return;
      queued = true;
      drawing = drawing.then(() => {
        queued = false;
        return draw();
      });
    };
    for (const name of ["dots", "measured", "keep_key", "faded"]) model.on(`change:${name}`, redraw);
    redraw();
    return () => {
      for (const name of ["dots", "measured", "keep_key", "faded"]) model.off(`change:${name}`, redraw);
    };
  },
};
