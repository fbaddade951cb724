/// The pages' inline style sheet (CSP allows inline styles only): readable on a phone, one column
/// under 600px, wide tables scroll sideways, and fonts that have Chinese glyphs on every platform.
enum PageStyle {
    static let css = """
        :root{--ink:#1d232a;--muted:#5b6570;--line:#d9dee3;--accent:#0b5cad}
        *{box-sizing:border-box}
        body{margin:0;color:var(--ink);background:#f6f7f9;line-height:1.55;
        font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
        header{background:#1d2b3a;color:#fff}
        nav{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;max-width:72rem;margin:0 auto;padding:.6rem 1rem}
        nav a{color:#fff;text-decoration:none}nav a[aria-current]{text-decoration:underline}
        nav .brand{font-weight:700;margin-right:.5rem}nav .who{margin-left:auto;opacity:.85}
        main{max-width:72rem;margin:0 auto;padding:1rem}
        h1{font-size:1.4rem;margin:.4rem 0 1rem}h2{font-size:1.15rem;margin-top:1.6rem}
        a{color:var(--accent)}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0 1rem}
        table{border-collapse:collapse;background:#fff;min-width:100%}
        th,td{border:1px solid var(--line);padding:.35rem .55rem;text-align:left;vertical-align:top}
        th{background:#eef1f4;white-space:nowrap}
        td.num{text-align:right;white-space:nowrap}
        dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;background:#fff;padding:.8rem;border:1px solid var(--line)}
        dl.fields dt{color:var(--muted)}dl.fields dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
        .level{display:inline-block;padding:0 .4rem;border-radius:.25rem;color:#fff;font-weight:600;white-space:nowrap}
        .l1{background:#c62828}.l2{background:#ef6c00}.l3{background:#546e7a}
        .notice{padding:.6rem .8rem;border:1px solid #e0b4b4;background:#fff6f6;color:#9f3a38;margin:.5rem 0 1rem}
        .muted{color:var(--muted)}.hash{font-family:ui-monospace,monospace;overflow-wrap:anywhere}
        article.report{background:#fff;border:1px solid var(--line);padding:.4rem 1rem;overflow-wrap:anywhere}
        pre{overflow-x:auto;background:#f0f2f4;padding:.5rem}
        mark{background:#ffe58f}
        .missed{color:#9f3a38;font-weight:600}
        form.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem;align-items:end}
        label{display:block}input,select,textarea,button{font:inherit}
        input[type=text],input[type=password],input[type=search],input[type=month],select,textarea{width:100%;padding:.35rem;border:1px solid #b8c0c8;border-radius:.25rem;background:#fff}
        button{padding:.4rem 1rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:.25rem;cursor:pointer}
        button.secondary{background:#fff;color:var(--accent)}
        form.inline{display:inline;margin:0}nav form.inline button{padding:.15rem .6rem;background:transparent;border-color:#fff}
        .grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
        svg.chart{max-width:100%;height:auto;background:#fff;border:1px solid var(--line)}
        .login{max-width:24rem;margin:2rem auto}
        @media (max-width:600px){.grid{grid-template-columns:1fr}dl.fields{grid-template-columns:1fr}dl.fields dt{margin-top:.4rem}main{padding:.6rem}}
        """
}
