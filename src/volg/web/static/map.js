/* volg's map: country shapes from the bundled world-atlas TopoJSON drawn with d3-geo into an SVG (no tile server,
 * nothing from another site), and a circle per place, sized by how often the place is named.
 *
 * The page says what to draw:
 *   <figure class="volg-map" data-places='[{"name": "Maastricht", "lat": 50.85, "lon": 5.69, "count": 3,
 *                                          "country": "NL"}, ...]'>  <figcaption>...</figcaption> </figure>
 * Optional attributes: aria-label (the map's name, "Kaart"), data-unavailable (the text shown when the map cannot
 * be drawn). The script loads d3-array, d3-geo and topojson-client from /static/vendor/ (copied there by
 * `npm ci`); when they are missing the figure says the map is unavailable and keeps its caption.
 *
 * Place names only ever become text (textContent and attribute values), never markup.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var WIDTH = 800;
  var HEIGHT = 480;
  var MARGIN = 28; // pixels around the places, so circles at the edge stay whole
  var MIN_HALF_SPAN = 2.5; // degrees: one place, or places close together, show about a region this size
  var DETAILED_BELOW = 40; // degrees of longitude: narrower views use the 1:50m shapes, wider ones 1:110m
  var WIDE_ABOVE = 100; // degrees of longitude: wider views use the Natural Earth projection, not Mercator
  var MAX_LISTED = 30; // places named in the aria-label before "and N more"

  var script = document.currentScript;
  var BASE = new URL(".", script && script.src ? script.src : new URL("/static/", location.href)).href;
  var VENDOR = ["vendor/d3-array.min.js", "vendor/d3-geo.min.js", "vendor/topojson-client.min.js"];

  var TEXT = {
    nl: { map: "Kaart", unavailable: "De kaart is niet beschikbaar.", more: "en nog %d" },
    en: { map: "Map", unavailable: "The map is unavailable.", more: "and %d more" },
  };

  function words() {
    var lang = (document.documentElement.lang || "").toLowerCase().slice(0, 2);
    return TEXT[lang] || TEXT.en;
  }

  var loads = {};

  function loadScript(path) {
    if (!loads[path]) {
      loads[path] = new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        el.src = BASE + path;
        el.async = false;
        el.onload = function () { resolve(); };
        el.onerror = function () { reject(new Error("could not load " + path)); };
        document.head.appendChild(el);
      });
    }
    return loads[path];
  }

  function libraries() {
    if (window.d3 && window.d3.geoPath && window.topojson && window.topojson.feature) return Promise.resolve();
    // In order: d3-geo's bundle reads d3-array's functions from the global d3 when it runs.
    return VENDOR.reduce(function (done, path) {
      return done.then(function () { return loadScript(path); });
    }, Promise.resolve()).then(function () {
      if (!(window.d3 && window.d3.geoPath && window.topojson && window.topojson.feature)) {
        throw new Error("d3-geo or topojson-client did not load");
      }
    });
  }

  var jsonCache = {};

  function json(path) {
    if (!jsonCache[path]) {
      jsonCache[path] = fetch(BASE + path, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.json();
      });
      jsonCache[path].catch(function () { delete jsonCache[path]; });
    }
    return jsonCache[path];
  }

  function atlas(detailed) {
    var coarse = "vendor/countries-110m.json";
    if (!detailed) return json(coarse);
    return json("vendor/countries-50m.json").catch(function () { return json(coarse); });
  }

  /* The places in the data attribute that can be drawn: a name, a latitude and longitude, a count of 1 or more. */
  function parsePlaces(figure) {
    var raw = JSON.parse(figure.getAttribute("data-places") || "[]");
    if (!Array.isArray(raw)) throw new Error("data-places is not a list");
    var places = [];
    raw.forEach(function (p) {
      if (!p || typeof p !== "object") return;
      var lat = Number(p.lat), lon = Number(p.lon), count = Number(p.count);
      if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return;
      places.push({
        name: String(p.name == null ? "" : p.name),
        lat: lat,
        lon: lon,
        count: isFinite(count) && count >= 1 ? count : 1,
        country: typeof p.country === "string" ? p.country.toUpperCase() : "",
      });
    });
    return places;
  }

  /* The area to show: the places' bounding box with a margin, never smaller than about a region. */
  function extent(places) {
    var west = 180, east = -180, south = 90, north = -90;
    places.forEach(function (p) {
      west = Math.min(west, p.lon); east = Math.max(east, p.lon);
      south = Math.min(south, p.lat); north = Math.max(north, p.lat);
    });
    var padLon = Math.max((east - west) * 0.15, MIN_HALF_SPAN);
    var padLat = Math.max((north - south) * 0.15, MIN_HALF_SPAN * 0.6);
    return {
      west: Math.max(-180, west - padLon), east: Math.min(180, east + padLon),
      south: Math.max(-80, south - padLat), north: Math.min(84, north + padLat),
    };
  }

  function projectionFor(box) {
    var d3 = window.d3;
    var projection = box.east - box.west > WIDE_ABOVE ? d3.geoNaturalEarth1() : d3.geoMercator();
    var midLon = (box.west + box.east) / 2, midLat = (box.south + box.north) / 2;
    var outline = {
      type: "MultiPoint",
      coordinates: [[box.west, box.south], [box.east, box.south], [box.west, box.north], [box.east, box.north],
        [midLon, box.south], [midLon, box.north], [box.west, midLat], [box.east, midLat]],
    };
    projection.fitExtent([[MARGIN, MARGIN], [WIDTH - MARGIN, HEIGHT - MARGIN]], outline);
    projection.clipExtent([[0, 0], [WIDTH, HEIGHT]]);
    return projection;
  }

  function svgElement(name, attributes) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attributes || {}).forEach(function (key) { el.setAttribute(key, String(attributes[key])); });
    return el;
  }

  function label(figure, places) {
    var t = words();
    var listed = places.slice(0, MAX_LISTED).map(function (p) {
      return p.count > 1 ? p.name + " (" + p.count + ")" : p.name;
    });
    if (places.length > MAX_LISTED) listed.push(t.more.replace("%d", String(places.length - MAX_LISTED)));
    return (figure.getAttribute("aria-label") || t.map) + ": " + listed.join(", ");
  }

  /* The countries to highlight: world-atlas ids are ISO 3166 numeric codes; the places carry alpha-2 codes. */
  function highlighted(places, codes) {
    var ids = {}, names = {};
    places.forEach(function (p) {
      if (codes.numeric[p.country]) ids[codes.numeric[p.country]] = true;
      if (codes.names[p.country]) names[codes.names[p.country]] = true;
    });
    return function (feature) {
      if (feature.id != null) return ids[String(feature.id)] === true;
      return !!(feature.properties && names[feature.properties.name]);
    };
  }

  function render(figure, places, topology, codes) {
    var d3 = window.d3;
    var box = extent(places);
    var projection = projectionFor(box);
    var path = d3.geoPath(projection);
    var isHighlighted = highlighted(places, codes);

    var svg = svgElement("svg", {
      viewBox: "0 0 " + WIDTH + " " + HEIGHT, class: "volg-map-svg", role: "img", "aria-label": label(figure, places),
    });
    svg.appendChild(svgElement("rect", { class: "volg-map-sea", x: 0, y: 0, width: WIDTH, height: HEIGHT,
      fill: "#e3edf5" }));

    var countries = svgElement("g", { class: "volg-map-countries", "stroke-linejoin": "round" });
    var features = window.topojson.feature(topology, topology.objects.countries).features;
    // Highlighted countries last, so their borders are not drawn over by their neighbours'.
    features = features.filter(function (f) { return !isHighlighted(f); })
      .concat(features.filter(isHighlighted));
    features.forEach(function (feature) {
      var d = path(feature);
      if (!d) return; // outside the view
      var on = isHighlighted(feature);
      countries.appendChild(svgElement("path", {
        d: d,
        class: on ? "volg-map-country volg-map-highlight" : "volg-map-country",
        "data-id": feature.id == null ? "" : feature.id,
        fill: on ? "#fbe7a1" : "#f7f7f3",
        stroke: on ? "#8a6d00" : "#a9a9a0",
        "stroke-width": on ? 1 : 0.6,
      }));
    });
    svg.appendChild(countries);

    var dots = svgElement("g", { class: "volg-map-places" });
    var most = places.reduce(function (m, p) { return Math.max(m, p.count); }, 1);
    places.slice().sort(function (a, b) { return b.count - a.count; }).forEach(function (p) {
      var xy = projection([p.lon, p.lat]);
      if (!xy || !isFinite(xy[0]) || !isFinite(xy[1])) return;
      var circle = svgElement("circle", {
        class: "volg-map-place", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1),
        r: (4 + 10 * Math.sqrt(p.count / most)).toFixed(1),
        fill: "#b3261e", "fill-opacity": 0.7, stroke: "#fff", "stroke-width": 1.5,
        "data-name": p.name, "data-count": p.count,
      });
      var title = svgElement("title");
      title.textContent = p.count > 1 ? p.name + " (" + p.count + ")" : p.name;
      circle.appendChild(title);
      dots.appendChild(circle);
    });
    svg.appendChild(dots);
    return svg;
  }

  function unavailable(figure, error) {
    figure.setAttribute("data-map-state", "unavailable");
    if (figure.querySelector(".volg-map-message")) return;
    var message = document.createElement("p");
    message.className = "volg-map-message";
    message.setAttribute("role", "status");
    message.textContent = figure.getAttribute("data-unavailable") || words().unavailable;
    figure.insertBefore(message, figure.firstChild);
    if (window.console && error) console.warn("volg map:", error.message || error);
  }

  function draw(figure) {
    var state = figure.getAttribute("data-map-state");
    if (state === "drawing" || state === "drawn") return Promise.resolve();
    figure.setAttribute("data-map-state", "drawing");
    var places;
    try {
      places = parsePlaces(figure);
    } catch (error) {
      unavailable(figure, error);
      return Promise.resolve();
    }
    if (!places.length) {
      figure.setAttribute("data-map-state", "empty");
      return Promise.resolve();
    }
    var box = extent(places);
    var detailed = box.east - box.west < DETAILED_BELOW;
    return libraries()
      .then(function () { return Promise.all([atlas(detailed), json("iso-countries.json")]); })
      .then(function (loaded) {
        var svg = render(figure, places, loaded[0], loaded[1]);
        var old = figure.querySelector("svg.volg-map-svg");
        if (old) old.remove();
        figure.insertBefore(svg, figure.firstChild);
        figure.setAttribute("data-map-state", "drawn");
      })
      .catch(function (error) { unavailable(figure, error); });
  }

  function drawAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var figures = Array.prototype.slice.call(scope.querySelectorAll("figure.volg-map"));
    if (scope.matches && scope.matches("figure.volg-map")) figures.push(scope);
    return Promise.all(figures.map(draw));
  }

  window.volgMap = { draw: draw, drawAll: drawAll };
  // Content that htmx swaps in gets its maps drawn too.
  document.addEventListener("htmx:load", function (event) { drawAll(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
})();
