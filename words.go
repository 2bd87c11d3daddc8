package main

// plural picks the form of a noun that goes with n: "1 call", "2 calls".
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
