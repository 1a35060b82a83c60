// Package abuse is the abuse suite: its tests build the real kebabalab
// binary once, start it as a child process on a loopback port with a
// fresh database, and attack it the way a hostile or broken client would.
// Each test checks the status the server answers with, that the database
// holds only what it must, and that the process is still serving at the
// end. The package has no code outside its tests.
package abuse
