"""Render: draw a flow: CJK label wrapping, the DOT writer, Graphviz to finished SVG, and the legend."""
