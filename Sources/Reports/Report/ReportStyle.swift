/// The report's inline style sheet: readable on screen and in print, no web fonts.
enum ReportStyle {
    /// The start of a self-contained page: doctype, head with the inline stylesheet, `<body><main>`.
    /// `title` is escaped here.
    static func pageStart(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>

        """
    }

    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f6f6f4; color: #222; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; min-height: 100vh; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
        h3 { font-size: 15px; margin: 22px 0 6px; }
        .subtitle { color: #555; margin: 0 0 12px; }
        .status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; background: #e8f3e8; color: #1d5e20; }
        .status.bad { background: #fbe9e7; color: #8b1d12; }
        .warnings { border-left: 4px solid #d08400; background: #fff7e6; padding: 8px 14px; margin: 12px 0; }
        .warnings ul { margin: 4px 0; padding-left: 20px; }
        nav { font-size: 14px; color: #555; margin: 10px 0 0; }
        nav a { margin-right: 14px; }
        a { color: #2b5d9a; }
        figure.chart { margin: 18px 0 8px; }
        figure.chart svg { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { font-size: 13px; color: #555; margin-top: 4px; }
        table { border-collapse: collapse; margin: 6px 0 14px; font-size: 13.5px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e6e6e6; text-align: left; vertical-align: top; }
        th { background: #f2f2f0; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:nth-child(even) td { background: #fafafa; }
        tr.flag td { background: #fdecea !important; }
        tr.flag.heavy td { background: #fff4e0 !important; }
        .warn { color: #8a4b00; font-weight: 600; }
        td.key { font-weight: 600; white-space: nowrap; }
        td.value { word-break: break-all; }
        .ok { color: #1d5e20; }
        .bad { color: #a31d12; font-weight: 600; }
        pre.spec { background: #f7f7f7; border: 1px solid #e4e4e4; padding: 12px 14px; overflow-x: auto; font-size: 13px; line-height: 1.4; }
        p.note { color: #555; font-size: 13.5px; }
        footer { margin-top: 40px; color: #777; font-size: 12.5px; }
        @media print { body { background: #fff; } main { padding: 0; } figure.chart { break-inside: avoid; } }
        """
}
