//go:build !race

package abuse

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
