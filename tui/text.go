package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

func padRight(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// cell fits s into exactly width columns.
func cell(s string, width int) string { return padRight(truncate(s, width), width) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
