"""Markup an attacker (or a careless paste) may send, with what must never reach a public page."""

HOSTILE = {
    "script": ('<p>Hello</p><script>alert("x")</script>', ["<script", "alert("]),
    "onerror": ('<p>Hi <img src="x" onerror="alert(1)"></p>', ["onerror", "<img"]),
    "event handler on an allowed tag": ('<p onclick="alert(1)">Click</p>', ["onclick"]),
    "javascript link": ('<p><a href="javascript:alert(1)">a link</a></p>', ["javascript:", "href"]),
    "javascript link in capitals with a tab": ('<p><a href="JAVA\tSCRIPT:alert(1)">x</a></p>', ["SCRIPT:", "href"]),
    "encoded javascript link": ('<p><a href="jav&#x09;ascript:alert(1)">x</a></p>', ["ascript:", "href"]),
    "data link": ('<p><a href="data:text/html,<script>alert(1)</script>">x</a></p>', ["data:", "href"]),
    "protocol-relative link": ('<p><a href="//evil.example/">x</a></p>', ["evil.example", "href"]),
    "style attribute": ('<p style="position:fixed;top:0">Big</p>', ["style", "position:fixed"]),
    "style element": ("<style>body{display:none}</style><p>Text</p>", ["<style", "display:none"]),
    "nested iframes": (
        '<iframe src="https://evil.example/"><iframe src="javascript:alert(1)"></iframe></iframe><p>After</p>',
        ["iframe", "evil.example", "javascript:"],
    ),
    "svg with script": (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><a href="javascript:alert(2)">x</a></svg>',
        ["<svg", "<script", "alert(", "javascript:"],
    ),
    "form": ('<form action="https://evil.example/"><input name="password"></form>', ["<form", "<input"]),
}
