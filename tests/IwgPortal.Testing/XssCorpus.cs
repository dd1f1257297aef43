namespace IwgPortal.Testing;

/// <summary>
/// Known XSS vectors, as a user could type them into a Markdown field: raw HTML in many spellings,
/// dangerous URL schemes in Markdown's own links, images and autolinks, and parser tricks.
/// No NUL characters: PostgreSQL text cannot store them (see the report on U+0000).
/// </summary>
public static class XssCorpus
{
    private const string ScriptBase64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==";
    private const string SvgBase64 = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=";

    public static readonly IReadOnlyList<string> Vectors =
    [
        // Script tags in many spellings
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//xss.example/xss.js></SCRIPT>",
        "<ScRiPt>alert(1)</sCrIpT>",
        "<script/xss src=\"//xss.example/a.js\"></script>",
        "<<script>alert(1);//<</script>",
        "<script\n>alert(1)</script\n>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "\"><script>alert(1)</script>",
        "<img \"\"\"><script>alert(1)</script>\">",
        "text\n\n<script>\nalert(1)\n</script>\n\nmore text",

        // Event-handler attributes
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" ONERROR=\"alert(1)\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<body onload=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg/onload=alert(1)>",
        "<div onmouseover=\"alert(1)\">hover me</div>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<x onclick=alert(1)>click</x>",
        "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",

        // javascript:, vbscript: and data: in Markdown links, images and autolinks
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1)  )",
        "[click](<javascript:alert(1)>)",
        "[click](java&#115;cript:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](&#x6A;avascript:alert(1))",
        "[click](javascript&colon;alert(1))",
        "[click](jav&#x09;ascript:alert(1))",
        "[click](&#1;javascript:alert(1))",
        "[click](java%0ascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64," + ScriptBase64 + ")",
        "[click](data:text/html,<script>alert(1)</script>)",
        "![img](javascript:alert(1))",
        "![img](data:image/svg+xml;base64," + SvgBase64 + ")",
        "![img](vbscript:msgbox(1))",
        "[![img](https://example.org/x.png)](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html;base64," + ScriptBase64 + ">",
        "javascript:alert(1)",

        // Markdown reference-link and title tricks
        "[ref][x]\n\n[x]: javascript:alert(1)",
        "[x]\n\n[x]: javascript:alert(1) \"title\"",
        "![ref][i]\n\n[i]: data:text/html;base64," + ScriptBase64,
        "[x][]\n\n[X]: <vbscript:msgbox(1)>",
        "[a](https://example.org \"\\\" onmouseover=\\\"alert(1)\")",
        "[a](https://example.org '\" onmouseover=\"alert(1)')",
        "![a\" onerror=\"alert(1)](https://example.org/x.png)",
        "<http://example.org/\" onmouseover=\"alert(1)>",
        "www.example.org/\"onmouseover=\"alert(1)",
        "https://example.org/<script>alert(1)</script>",

        // SVG and MathML payloads
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
        "<math href=\"javascript:alert(1)\">click</math>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>",

        // Styles and expressions
        "<style>body{background:url(\"javascript:alert(1)\")}</style>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<a href=\"#\" style=\"background:url(javascript:alert(1))\">x</a>",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",

        // Frames, objects, embeds, meta, base, forms
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:image/svg+xml;base64," + SvgBase64 + "\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<isindex action=javascript:alert(1) type=image>",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#1;javascript:alert(1)\">x</a>",

        // Encoded entities
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "&#x3C;img src=x onerror=alert(1)&#x3E;",

        // HTML comments, nesting and broken markup
        "<!--<img src=x onerror=alert(1)>-->",
        "<!-- --!><img src=x onerror=alert(1)> -->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<p <script>alert(1)</script>>",
        "<a href=\"https://example.org\"<script>alert(1)</script>x</a>",
        "'';!--\"<XSS>=&{()}",

        // Backticks and code
        "`<script>alert(1)</script>`",
        "``<img src=x onerror=alert(1)>``",
        "```html\n<script>alert(1)</script>\n```",
        "    <iframe src=javascript:alert(1)></iframe>",

        // Markdown extensions in use: tables and task lists
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "| [x](javascript:alert(1)) | b |\n|---|---|\n| c | d |",
        "- [ ] <script>alert(1)</script>",
        "- [x] [done](javascript:alert(1))",
    ];
}
