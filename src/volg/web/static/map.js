/* volg's map: country shapes from the bundled world-atlas TopoJSON drawn with d3-geo into an SVG (no tile server,
 * nothing from another site); a marker per place, sized by how often the place is named, with its name beside it.
 *
 * The page says what to draw:
 *   <figure class="volg-map" data-places='[{"name": "Maastricht", "lat": 50.85, "lon": 5.69, "count": 3,
 *                                          "country": "NL", "kind": "city"}, ...]'>  <figcaption>...</figcaption>
 *   </figure>
 * Optional attributes: aria-label (the map's name, "Kaart"), data-unavailable (the text shown when the map cannot
 * be drawn), data-words (what the script writes, in the page's language: JSON with any of the keys of TEXT.en
 * below; volg's pages give it from their catalogues, and without it the script speaks Dutch or English by the
 * page's lang). The script loads d3-array, d3-geo and topojson-client from /static/vendor/ (copied there by
 * `npm ci`); when they are missing the figure says the map is unavailable and keeps its caption.
 *
 * What it draws, at the size the figure has on the screen (drawn again when that changes):
 * - the countries of the places highlighted; a place of kind "country" is named on its shape, not marked;
 * - a marker per place, except that markers which would touch at this scale merge into one marker for all of them,
 *   with the number of places in it (Limburg, Venlo, Roermond, ... seen from afar);
 * - names beside the markers, most-mentioned first, each only where it overlaps no other name or marker: the rest
 *   are in the marker's title, the SVG's aria-label and the figure's caption, which lists every place.
 *
 * Place names only ever become text (textContent and attribute values), never markup.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var WIDTH = 800; // the widest drawing, in pixels; a narrower figure gets a drawing its own width
  var HEIGHT = 480;
  var MIN_WIDTH = 260;
  var NARROW_BELOW = 560; // narrower drawings are taller for their width (3:4 rather than 3:5)
  var MARGIN = 28; // pixels around the places, so markers at the edge stay whole
  var MIN_HALF_SPAN = 2.5; // degrees: one place, or places close together, show about a region this size
  var ZOOM_HALF_SPAN = 0.4; // degrees: zoomed in on a merged marker, the view shows at least this much around it
  var DETAILED_BELOW = 40; // degrees of longitude: narrower views use the 1:50m shapes, wider ones 1:110m
  var WIDE_ABOVE = 100; // degrees of longitude: wider views use the Natural Earth projection, not Mercator
  var MAX_LISTED = 30; // places named in the aria-label before "and N more"
  var NEAR = 22; // pixels: markers whose centres are closer than this (or that touch) become one marker
  var MAX_RADIUS = 20;
  var NAME_AREA = 16000; // square pixels of drawing per name written on it at most (24 on 800 × 480, 12 at least)
  var FONT_SIZE = 12;
  var FONT = "600 " + FONT_SIZE + "px system-ui, Arial, sans-serif";
  var COUNTRY_FONT_SIZE = 11;
  var COUNTRY_FONT = "400 " + COUNTRY_FONT_SIZE + "px system-ui, Arial, sans-serif";

  var script = document.currentScript;
  var BASE = new URL(".", script && script.src ? script.src : new URL("/static/", location.href)).href;
  var VENDOR = ["vendor/d3-array.min.js", "vendor/d3-geo.min.js", "vendor/topojson-client.min.js"];

  var TEXT = {
    nl: { map: "Kaart", unavailable: "De kaart is niet beschikbaar.", more: "en nog %d", places: "%d plaatsen",
      zoom: "Inzoomen op", whole: "Hele kaart" },
    en: { map: "Map", unavailable: "The map is unavailable.", more: "and %d more", places: "%d places",
      zoom: "Zoom in on", whole: "Whole map" },
  };

  function words(figure) {
    var lang = (document.documentElement.lang || "").toLowerCase().slice(0, 2);
    var base = TEXT[lang] || TEXT.en, given = {}, own = {};
    try {
      given = JSON.parse(figure.getAttribute("data-words") || "{}") || {};
    } catch (e) {
      given = {};
    }
    Object.keys(base).forEach(function (key) {
      own[key] = typeof given[key] === "string" ? given[key] : base[key];
    });
    return own;
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
        kind: typeof p.kind === "string" ? p.kind : "",
      });
    });
    return places;
  }

  /* The area to show: the places' bounding box with a margin, never smaller than about a region (or, zoomed in
   * on a merged marker, than `halfSpan` degrees around it). */
  function extent(places, halfSpan) {
    var least = halfSpan || MIN_HALF_SPAN;
    var west = 180, east = -180, south = 90, north = -90;
    places.forEach(function (p) {
      west = Math.min(west, p.lon); east = Math.max(east, p.lon);
      south = Math.min(south, p.lat); north = Math.max(north, p.lat);
    });
    var padLon = Math.max((east - west) * 0.15, least);
    var padLat = Math.max((north - south) * 0.15, least * 0.6);
    return {
      west: Math.max(-180, west - padLon), east: Math.min(180, east + padLon),
      south: Math.max(-80, south - padLat), north: Math.min(84, north + padLat),
    };
  }

  /* The drawing's size in pixels: the figure's width on the screen (at most WIDTH), so that names and markers are
   * as large on a phone as on a desktop, and "near" means near as the reader sees it. */
  function sizeOf(figure) {
    var width = Math.round(figure.getBoundingClientRect().width || 0);
    width = width ? Math.max(MIN_WIDTH, Math.min(WIDTH, width)) : WIDTH;
    var height = Math.round(width * (width < NARROW_BELOW ? 0.75 : HEIGHT / WIDTH));
    return { width: width, height: height };
  }

  function projectionFor(box, size) {
    var d3 = window.d3;
    var projection = box.east - box.west > WIDE_ABOVE ? d3.geoNaturalEarth1() : d3.geoMercator();
    var midLon = (box.west + box.east) / 2, midLat = (box.south + box.north) / 2;
    var outline = {
      type: "MultiPoint",
      coordinates: [[box.west, box.south], [box.east, box.south], [box.west, box.north], [box.east, box.north],
        [midLon, box.south], [midLon, box.north], [box.west, midLat], [box.east, midLat]],
    };
    projection.fitExtent([[MARGIN, MARGIN], [size.width - MARGIN, size.height - MARGIN]], outline);
    projection.clipExtent([[0, 0], [size.width, size.height]]);
    return projection;
  }

  function svgElement(name, attributes) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attributes || {}).forEach(function (key) { el.setAttribute(key, String(attributes[key])); });
    return el;
  }

  function named(p) {
    return p.count > 1 ? p.name + " (" + p.count + ")" : p.name;
  }

  function ariaLabel(figure, places) {
    var t = words(figure);
    var listed = places.slice(0, MAX_LISTED).map(named);
    if (places.length > MAX_LISTED) listed.push(t.more.replace("%d", String(places.length - MAX_LISTED)));
    return (figure.getAttribute("aria-label") || t.map) + ": " + listed.join(", ");
  }

  /* The country a feature of the atlas is: world-atlas ids are ISO 3166 numeric codes, the places carry alpha-2
   * codes (a country without a numeric code, Kosovo, is joined by its name). */
  function countryKey(codes) {
    var byId = {}, byName = {};
    Object.keys(codes.numeric).forEach(function (code) { byId[codes.numeric[code]] = code; });
    Object.keys(codes.names).forEach(function (code) { byName[codes.names[code]] = code; });
    return function (feature) {
      if (feature.id != null) return byId[String(feature.id)] || "";
      return (feature.properties && byName[feature.properties.name]) || "";
    };
  }

  /* Markers that would touch, or whose centres are closer than NEAR pixels, become one; again until none do. The
   * merged marker stands at its places' centre, weighed by how often each is named. */
  function clusters(points, radius) {
    var groups = points.map(function (pt) {
      return { places: [pt.place], points: [pt], x: pt.x, y: pt.y, count: pt.place.count };
    });
    for (;;) {
      var best = null, bestDistance = Infinity;
      for (var i = 0; i < groups.length; i++) {
        for (var j = i + 1; j < groups.length; j++) {
          var a = groups[i], b = groups[j];
          var d = Math.hypot(a.x - b.x, a.y - b.y);
          if (d < Math.max(NEAR, radius(a) + radius(b) + 2) && d < bestDistance) {
            best = [i, j];
            bestDistance = d;
          }
        }
      }
      if (!best) break;
      var first = groups[best[0]], second = groups[best[1]], total = first.count + second.count;
      groups[best[0]] = {
        places: first.places.concat(second.places),
        points: first.points.concat(second.points),
        x: (first.x * first.count + second.x * second.count) / total,
        y: (first.y * first.count + second.y * second.count) / total,
        count: total,
      };
      groups.splice(best[1], 1);
    }
    groups.forEach(function (g) {
      g.places.sort(function (a, b) { return b.count - a.count; });
    });
    return groups.sort(function (a, b) { return b.count - a.count || b.places.length - a.places.length; });
  }

  /* How far apart, in pixels, a merged marker's places lie: zooming in on places that lie on top of each other
   * (a river named at its city) would not part them. */
  function spread(points) {
    var most = 0;
    points.forEach(function (a) {
      points.forEach(function (b) { most = Math.max(most, Math.hypot(a.x - b.x, a.y - b.y)); });
    });
    return most;
  }

  var measureContext = null;

  function textWidth(text, font, size) {
    if (measureContext === null) {
      try {
        measureContext = document.createElement("canvas").getContext("2d") || false;
      } catch (error) {
        measureContext = false;
      }
    }
    if (measureContext) {
      measureContext.font = font;
      return measureContext.measureText(text).width;
    }
    return text.length * size * 0.6;
  }

  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  /* Names placed one by one, most-mentioned first, each at the first spot around its marker (or on its country)
   * where it stays inside the drawing and covers no name or marker placed before; a name with no such spot is
   * left off the drawing. */
  function placeNames(candidates, markers, size) {
    var most = Math.max(12, Math.round(size.width * size.height / NAME_AREA));
    var taken = markers.map(function (m) {
      return { x0: m.x - m.r - 1, x1: m.x + m.r + 1, y0: m.y - m.r - 1, y1: m.y + m.r + 1, owner: m };
    });
    var placed = [];
    candidates.forEach(function (c) {
      if (placed.length >= most) return;
      var width = textWidth(c.text, c.font, c.size), height = c.size + 2;
      for (var k = 0; k < c.spots.length; k++) {
        var spot = c.spots[k];
        // spot: the anchor point and how the text hangs from it (anchor start|middle|end; baseline y)
        var x0 = spot.anchor === "start" ? spot.x : spot.anchor === "end" ? spot.x - width : spot.x - width / 2;
        var box = { x0: x0 - 2, x1: x0 + width + 2, y0: spot.y - c.size + 1, y1: spot.y - c.size + 1 + height };
        if (box.x0 < 2 || box.y0 < 2 || box.x1 > size.width - 2 || box.y1 > size.height - 2) continue;
        var free = taken.every(function (t) { return (c.owner && t.owner === c.owner) || !overlaps(box, t); });
        if (!free) continue;
        taken.push({ x0: box.x0, x1: box.x1, y0: box.y0, y1: box.y1, owner: null });
        placed.push({ candidate: c, spot: spot });
        return;
      }
    });
    return placed;
  }

  function markerSpots(m) {
    var gap = m.r + 4, mid = m.y + FONT_SIZE * 0.35;
    return [
      { x: m.x + gap, y: mid, anchor: "start" },
      { x: m.x - gap, y: mid, anchor: "end" },
      { x: m.x, y: m.y - gap - 2, anchor: "middle" },
      { x: m.x, y: m.y + gap + FONT_SIZE - 1, anchor: "middle" },
      { x: m.x + gap * 0.75, y: m.y - gap * 0.75, anchor: "start" },
      { x: m.x - gap * 0.75, y: m.y - gap * 0.75, anchor: "end" },
      { x: m.x + gap * 0.75, y: m.y + gap * 0.75 + FONT_SIZE - 2, anchor: "start" },
      { x: m.x - gap * 0.75, y: m.y + gap * 0.75 + FONT_SIZE - 2, anchor: "end" },
    ];
  }

  /* Where a country's name goes: the middle of its largest part in view (France's name on France, not between
   * France and French Guiana). */
  function countrySpot(feature, path) {
    var geometry = feature.geometry;
    if (!geometry) return null;
    var parts = geometry.type === "MultiPolygon"
      ? geometry.coordinates.map(function (rings) { return { type: "Polygon", coordinates: rings }; })
      : [geometry];
    var best = null, bestArea = 0;
    parts.forEach(function (part) {
      var area = path.area(part);
      if (area > bestArea) { best = part; bestArea = area; }
    });
    if (!best || bestArea < 40) return null;
    var c = path.centroid(best);
    return isFinite(c[0]) && isFinite(c[1]) ? c : null;
  }

  /* The drawing of `places` in `box` at `size`: the SVG, and the merged markers a reader may zoom in on (those
   * whose places, shown on their own, would spread over a clearly smaller area than the drawing's). */
  function render(figure, places, topology, codes, size, box) {
    var d3 = window.d3;
    var t = words(figure);
    var projection = projectionFor(box, size);
    var path = d3.geoPath(projection);
    var keyOf = countryKey(codes);
    var countriesNamed = {}, countryPlaces = {};
    places.forEach(function (p) {
      if (p.country) countriesNamed[p.country] = true;
      if (p.kind === "country" && p.country && !countryPlaces[p.country]) countryPlaces[p.country] = p;
    });
    var isHighlighted = function (feature) { return countriesNamed[keyOf(feature)] === true; };

    var svg = svgElement("svg", {
      viewBox: "0 0 " + size.width + " " + size.height, width: size.width, height: size.height,
      class: "volg-map-svg", role: "img", "aria-label": ariaLabel(figure, places),
    });
    svg.appendChild(svgElement("rect", { class: "volg-map-sea", x: 0, y: 0, width: size.width, height: size.height,
      fill: "#e3edf5" }));

    var countries = svgElement("g", { class: "volg-map-countries", "stroke-linejoin": "round" });
    var features = window.topojson.feature(topology, topology.objects.countries).features;
    // Highlighted countries last, so their borders are not drawn over by their neighbours'.
    features = features.filter(function (f) { return !isHighlighted(f); })
      .concat(features.filter(isHighlighted));
    var candidates = [];
    var shapeNamed = {};
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
      var country = countryPlaces[keyOf(feature)];
      var spot = country && !shapeNamed[country.country] ? countrySpot(feature, path) : null;
      if (spot) {
        shapeNamed[country.country] = true;
        var lift = COUNTRY_FONT_SIZE + 2;
        candidates.push({
          text: country.name, count: country.count, font: COUNTRY_FONT, size: COUNTRY_FONT_SIZE, owner: null,
          kind: "country", place: country,
          spots: [0, -lift, lift, -2 * lift, 2 * lift].map(function (dy) {
            return { x: spot[0], y: spot[1] + dy + COUNTRY_FONT_SIZE * 0.35, anchor: "middle" };
          }),
        });
      }
    });
    svg.appendChild(countries);

    // A country named on its shape gets no marker; one whose shape is not in the atlas (or too small to name on)
    // gets a marker like any place.
    var points = [];
    places.forEach(function (p) {
      if (p.kind === "country" && shapeNamed[p.country]) return;
      var xy = projection([p.lon, p.lat]);
      if (!xy || !isFinite(xy[0]) || !isFinite(xy[1])) return;
      if (xy[0] < 0 || xy[1] < 0 || xy[0] > size.width || xy[1] > size.height) return; // outside a zoomed view
      points.push({ place: p, x: xy[0], y: xy[1] });
    });
    var most = points.reduce(function (m, pt) { return Math.max(m, pt.place.count); }, 1);
    var radius = function (group) {
      var r = 5 + 9 * Math.sqrt(group.count / most);
      return Math.min(MAX_RADIUS, group.places.length > 1 ? Math.max(r, 10) : r);
    };
    var groups = clusters(points, radius);

    var markers = svgElement("g", { class: "volg-map-places" });
    var drawnMarkers = [], zoomable = [];
    groups.forEach(function (group) {
      // A merged marker is named after its most-mentioned town or region rather than a river through it.
      var r = radius(group), many = group.places.length > 1;
      var lead = group.places.filter(function (p) { return p.kind !== "water"; })[0] || group.places[0];
      var marker = { x: group.x, y: group.y, r: r };
      drawnMarkers.push(marker);
      var g = svgElement("g", { class: many ? "volg-map-marker volg-map-cluster" : "volg-map-marker" });
      var circle = svgElement("circle", {
        class: many ? "volg-map-place volg-map-cluster-dot" : "volg-map-place",
        cx: group.x.toFixed(1), cy: group.y.toFixed(1), r: r.toFixed(1),
        fill: "#b3261e", "fill-opacity": many ? 0.85 : 0.7, stroke: "#fff", "stroke-width": 1.5,
        "data-name": lead.name, "data-count": group.count, "data-places": group.places.length,
      });
      var title = svgElement("title");
      title.textContent = many
        ? group.places.map(named).join(", ") + " (" + t.places.replace("%d", String(group.places.length)) + ")"
        : named(lead);
      circle.appendChild(title);
      g.appendChild(circle);
      if (many) {
        var number = svgElement("text", {
          class: "volg-map-cluster-count", x: group.x.toFixed(1), y: (group.y + 4).toFixed(1),
          "text-anchor": "middle", "font-size": 11, "font-weight": 700, fill: "#fff",
          "font-family": "system-ui, Arial, sans-serif", "pointer-events": "none",
        });
        number.textContent = String(group.places.length);
        g.appendChild(number);
      }
      var closer = many ? extent(group.places, ZOOM_HALF_SPAN) : null;
      if (closer && closer.east - closer.west < (box.east - box.west) * 0.6 &&
          spread(group.points) * (box.east - box.west) / (closer.east - closer.west) >= NEAR) {
        var zoom = { box: closer, name: lead.name + " +" + (group.places.length - 1), places: group.places };
        zoomable.push(zoom);
        g.setAttribute("class", g.getAttribute("class") + " volg-map-zoomable");
        g.addEventListener("click", function () { zoomTo(figure, zoom.box); });
      }
      markers.appendChild(g);
      candidates.push({
        text: many ? lead.name + " +" + (group.places.length - 1) : lead.name, count: group.count, font: FONT,
        size: FONT_SIZE, owner: marker, kind: "marker", place: lead, spots: markerSpots(marker),
      });
    });
    svg.appendChild(markers);

    // Most-mentioned first; of equal counts, a marker's name before a country's.
    candidates.sort(function (a, b) {
      return b.count - a.count || (a.kind === b.kind ? 0 : a.kind === "marker" ? -1 : 1);
    });
    var names = svgElement("g", { class: "volg-map-labels", "font-family": "system-ui, Arial, sans-serif" });
    placeNames(candidates, drawnMarkers, size).forEach(function (placed) {
      var c = placed.candidate, country = c.kind === "country";
      var text = svgElement("text", {
        class: country ? "volg-map-label volg-map-country-label" : "volg-map-label",
        x: placed.spot.x.toFixed(1), y: placed.spot.y.toFixed(1), "text-anchor": placed.spot.anchor,
        "font-size": c.size, "font-weight": country ? 400 : 600, fill: country ? "#5c4300" : "#1a1a1a",
        stroke: "#fff", "stroke-width": 3, "stroke-linejoin": "round", "paint-order": "stroke",
        "data-name": c.place.name,
      });
      text.textContent = c.text;
      names.appendChild(text);
    });
    svg.appendChild(names);
    return { svg: svg, zoomable: zoomable };
  }

  function unavailable(figure, error) {
    figure.setAttribute("data-map-state", "unavailable");
    if (figure.querySelector(".volg-map-message")) return;
    var message = document.createElement("p");
    message.className = "volg-map-message";
    message.setAttribute("role", "status");
    message.textContent = figure.getAttribute("data-unavailable") || words(figure).unavailable;
    figure.insertBefore(message, figure.firstChild);
    if (window.console && error) console.warn("volg map:", error.message || error);
  }

  var zooms = typeof WeakMap === "function" ? new WeakMap() : null; // figure → the area zoomed in on

  function zoomTo(figure, box) {
    if (!zooms) return;
    if (box) zooms.set(figure, box); else zooms.delete(figure);
    figure.setAttribute("data-map-state", "stale");
    return draw(figure).then(function () {
      var target = figure.querySelector(".volg-map-zoom button");
      if (target) target.focus();
    });
  }

  /* Under the drawing: a button per merged marker to zoom in on (what clicking the marker does), and, zoomed in,
   * one back to the whole map; buttons, so a keyboard reaches them too. */
  function controls(figure, zoomable, zoomed) {
    var old = figure.querySelector(".volg-map-zoom");
    if (old) old.remove();
    if (!zoomable.length && !zoomed) return;
    var t = words(figure);
    var bar = document.createElement("div");
    bar.className = "volg-map-zoom";
    if (zoomed) {
      var back = document.createElement("button");
      back.type = "button";
      back.className = "volg-map-button";
      back.textContent = t.whole;
      back.addEventListener("click", function () { zoomTo(figure, null); });
      bar.appendChild(back);
    }
    if (zoomable.length) {
      var lead = document.createElement("span");
      lead.textContent = t.zoom;
      bar.appendChild(lead);
      zoomable.forEach(function (zoom) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "volg-map-button";
        button.textContent = zoom.name;
        button.title = zoom.places.map(function (p) { return p.name; }).join(", ");
        button.addEventListener("click", function () { zoomTo(figure, zoom.box); });
        bar.appendChild(button);
      });
    }
    var svg = figure.querySelector("svg.volg-map-svg");
    figure.insertBefore(bar, svg ? svg.nextSibling : figure.firstChild);
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
    var zoomed = (zooms && zooms.get(figure)) || null;
    var box = zoomed || extent(places);
    var detailed = box.east - box.west < DETAILED_BELOW;
    return libraries()
      .then(function () { return Promise.all([atlas(detailed), json("iso-countries.json")]); })
      .then(function (loaded) {
        var size = sizeOf(figure);
        var drawing = render(figure, places, loaded[0], loaded[1], size, box);
        var old = figure.querySelector("svg.volg-map-svg");
        if (old) old.remove();
        figure.insertBefore(drawing.svg, figure.firstChild);
        controls(figure, drawing.zoomable, zoomed !== null);
        figure.setAttribute("data-map-width", String(size.width));
        figure.setAttribute("data-map-zoomed", zoomed ? "true" : "false");
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

  /* A drawing whose figure got wider or narrower (a turned phone, a resized window) is drawn again at its new
   * size: which markers merge and which names fit depend on it. */
  var resizing = null;

  function redrawResized() {
    resizing = null;
    Array.prototype.slice.call(document.querySelectorAll("figure.volg-map[data-map-state=drawn]"))
      .forEach(function (figure) {
        if (String(sizeOf(figure).width) === figure.getAttribute("data-map-width")) return;
        figure.setAttribute("data-map-state", "stale");
        draw(figure);
      });
  }

  window.volgMap = { draw: draw, drawAll: drawAll };
  // Content that htmx swaps in gets its maps drawn too.
  document.addEventListener("htmx:load", function (event) { drawAll(event.target); });
  window.addEventListener("resize", function () {
    if (resizing) clearTimeout(resizing);
    resizing = setTimeout(redrawResized, 150);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
})();
