package dev.pgwake.loadtest.report;

/** The stylesheet inlined into every HTML report (no fonts or files fetched). */
final class ReportStyle {
    private ReportStyle() {
    }

    static final String CSS = """
            :root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --soft:#f6f8fa; --accent:#0969da; --bad:#cf222e; }
            * { box-sizing: border-box; }
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
                   color: var(--fg); margin: 0 auto; max-width: 980px; padding: 24px 20px 60px; }
            h1 { font-size: 26px; margin: 0 0 4px; } h1 small { color: var(--muted); font-weight: 400; }
            h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 20px 0 6px; }
            .meta { color: var(--muted); margin: 0 0 16px; } .meta code { color: var(--fg); }
            .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 16px 0; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--soft); }
            .card .v { font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card .k { color: var(--muted); font-size: 13px; }
            .card.bad .v { color: var(--bad); }
            table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
            th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
            th { background: var(--soft); font-weight: 600; }
            td.l, th.l { text-align: left; }
            tr.warmup td { color: var(--muted); }
            td.msg { text-align: left; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; word-break: break-word; }
            details { margin: 8px 0 16px; } summary { cursor: pointer; color: var(--accent); }
            .chart { width: 100%; height: auto; display: block; margin: 6px 0 18px; }
            .chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
            .chart .title { font-size: 14px; font-weight: 600; }
            .chart .tick, .chart .axis-title { fill: var(--muted); }
            .chart .grid { stroke: #eaeef2; stroke-width: 1; }
            .chart .axis { stroke: #8c959f; stroke-width: 1; }
            .chart .series { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
            .chart .shade { fill: #eaeef2; opacity: .7; }
            .chart .shade-label, .chart .empty { fill: var(--muted); }
            .chart .plot-empty { fill: var(--soft); stroke: var(--line); }
            .chart .marker { stroke: #6e7781; stroke-dasharray: 4 3; }
            .chart .marker-label { fill: #57606a; font-size: 11px; }
            .chart .whisker { stroke: #24292f; stroke-width: 1.4; }
            .chart .bar-label { font-size: 11px; fill: #24292f; }
            .chart .bar:hover, .chart .point:hover { opacity: .7; }
            ul.notes li { margin: 4px 0; }
            footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
            """;
}
