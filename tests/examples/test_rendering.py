from gronnkjop.examples.rendering import render_markdown


def test_markdown_keeps_structure_and_drops_every_raw_html():
    html = render_markdown(
        "# Tittel\n\n**fet** <b>rå</b> <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://dfo.no)"
    )
    assert html == (
        "<h2>Tittel</h2>\n<p><strong>fet</strong> &lt;b&gt;rå&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt; "
        '<a rel="noopener noreferrer">x</a> <a href="https://dfo.no" rel="noopener noreferrer">ok</a></p>'
    )
