import L from "leaflet";
import "leaflet/dist/leaflet.css";
import type { Feature, FeatureCollection } from "geojson";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { NO_DATA_FILL, NO_DATA_PATTERN_ID } from "./palette.js";
import "./map.css";

/** The region's extent (WGS84), used before the geometry arrives. */
const BRUSSELS_BOUNDS = L.latLngBounds([50.7636, 4.2437], [50.9139, 4.4822]);

export interface Overlay {
  key: string;
  data: FeatureCollection | null;
  visible: boolean;
  style: L.PathOptions;
}

interface Props {
  /** The polygons to colour; each feature's `properties.code` identifies it. */
  features: FeatureCollection | null;
  fillFor: (code: string) => string;
  tooltipFor: (code: string) => HTMLElement;
  selected: string | null;
  onSelect: (code: string) => void;
  overlays: Overlay[];
  label: string;
  describedBy?: string;
  zoomInTitle: string;
  zoomOutTitle: string;
}

export function featureCode(feature: Feature | undefined): string {
  const code = (feature?.properties as { code?: unknown } | null | undefined)?.code;
  return code === undefined || code === null ? "" : String(code);
}

/**
 * A Leaflet map without any tile server: our own GeoJSON on a plain background, drawn
 * with the SVG renderer so that each neighbourhood is one `path.nbh.nbh-<code>`.
 */
export function ChoroplethMap(props: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const layerRef = useRef<L.GeoJSON | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  const styleOf = (feature: Feature | undefined): L.PathOptions => {
    const code = featureCode(feature);
    const selected = latest.current.selected === code;
    return {
      className: `nbh nbh-${code}`,
      fillColor: latest.current.fillFor(code),
      fillOpacity: 1,
      color: selected ? "#111111" : "#ffffff",
      weight: selected ? 3 : 0.8,
      opacity: 1,
    };
  };

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const map = L.map(el, {
      renderer: L.svg({ padding: 0.5 }),
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.25,
      minZoom: 9,
      maxZoom: 17,
      maxBounds: BRUSSELS_BOUNDS.pad(0.6),
    });
    map.fitBounds(BRUSSELS_BOUNDS);
    const outlines = map.createPane("outlines");
    outlines.style.zIndex = "450";
    outlines.style.pointerEvents = "none";
    setMap(map);
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      map.remove();
      setMap(null);
    };
  }, []);

  const { zoomInTitle, zoomOutTitle } = props;
  useEffect(() => {
    if (!map) return;
    const zoom = L.control.zoom({ position: "topleft", zoomInTitle, zoomOutTitle }).addTo(map);
    return () => {
      zoom.remove();
    };
  }, [map, zoomInTitle, zoomOutTitle]);

  const { features } = props;
  useEffect(() => {
    if (!map || !features) return;
    const layer: L.GeoJSON = L.geoJSON(features, {
      style: styleOf,
      onEachFeature: (feature, path) => {
        const code = featureCode(feature);
        path.bindTooltip(() => latest.current.tooltipFor(code), { sticky: true, direction: "top", offset: [0, -8], className: "map-tooltip" });
        path.on({
          mouseover: () => {
            (path as L.Path).setStyle({ weight: 3, color: "#111111" });
            (path as L.Path).bringToFront();
          },
          mouseout: () => layer.resetStyle(path),
          click: () => latest.current.onSelect(code),
        });
      },
    }).addTo(map);
    // The table is the keyboard path to each neighbourhood: 145 shapes stay out of the tab order.
    layer.eachLayer((path) => (path as L.Path).getElement()?.setAttribute("tabindex", "-1"));
    layerRef.current = layer;
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [6, 6] });
    return () => {
      layer.remove();
      layerRef.current = null;
    };
    // styleOf reads `latest`, so the layer is rebuilt only when the geometry changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, features]);

  const { fillFor, selected } = props;
  useEffect(() => {
    const layer = layerRef.current;
    if (!layer) return;
    layer.setStyle(styleOf);
    // An open tooltip shows the value it was opened with: refresh it with the new one.
    layer.eachLayer((path) => {
      if (path.isTooltipOpen()) path.getTooltip()?.update();
    });
    if (selected) {
      layer.eachLayer((path) => {
        if (featureCode((path as L.GeoJSON).feature as Feature) === selected) (path as L.Path).bringToFront();
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fillFor, selected, map, features]);

  return (
    <div className="map-frame">
      <svg className="map-defs" width="0" height="0" aria-hidden="true" focusable="false">
        <defs>
          <pattern id={NO_DATA_PATTERN_ID} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={NO_DATA_FILL} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#7d7d7d" strokeWidth="1.5" />
          </pattern>
        </defs>
      </svg>
      <div ref={container} className="map" role="region" aria-label={props.label} aria-describedby={props.describedBy} data-testid="territory-map" />
      {props.overlays.map((o) => (
        <OverlayLayer key={o.key} map={map} overlay={o} />
      ))}
    </div>
  );
}

/** A non-interactive outline layer (municipalities, police zones) drawn above the neighbourhoods. */
function OverlayLayer({ map, overlay }: { map: L.Map | null; overlay: Overlay }) {
  const { data, visible, style } = overlay;
  useEffect(() => {
    if (!map || !data || !visible) return;
    const layer = L.geoJSON(data, { interactive: false, pane: "outlines", style: { fill: false, ...style } }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, data, visible, style]);
  return null;
}
