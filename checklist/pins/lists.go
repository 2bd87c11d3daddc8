package pins

// vendorDefaults are PINs that a phone system ships with and that installers
// often leave in place. Only values found in a vendor's own files belong here;
// other shipped values (9999, 0000, 1234...) are caught as weak anyway.
var vendorDefaults = map[string]bool{
	// Asterisk's sample voicemail.conf defines mailbox 1234 with password 4242,
	// and FreePBX and many hand-built systems start from that file.
	"4242": true,
}

// commonPINs are the PINs people choose most often. The four-digit ones are the
// top twenty of DataGenetics' analysis of 3.4 million leaked PINs; the six-digit
// ones are the leaders in published studies of six-digit PIN choice. Most are
// also caught by a pattern; the list catches the ones no pattern explains.
var commonPINs = map[string]bool{
	"1234": true, "1111": true, "0000": true, "1212": true, "7777": true,
	"1004": true, "2000": true, "4444": true, "2222": true, "6969": true,
	"9999": true, "3333": true, "5555": true, "6666": true, "1122": true,
	"1313": true, "8888": true, "4321": true, "2001": true, "1010": true,

	"123456": true, "654321": true, "111111": true, "000000": true, "123123": true,
	"121212": true, "112233": true, "666666": true, "696969": true, "123321": true,
	"159753": true, "789456": true, "147258": true, "520520": true, "131313": true,
	"101010": true, "102030": true, "112211": true, "123654": true, "147852": true,
	"123789": true, "321321": true, "456789": true, "987654": true, "999999": true,
}

// keypadLines are straight lines on a phone keypad (1 2 3 / 4 5 6 / 7 8 9 / 0
// under 8), and the columns of a computer keypad, where 0 sits under 1. A PIN made
// of one or more of these, each either way round, is a shape, not a secret.
var keypadLines = []string{
	"123", "456", "789", // rows
	"147", "258", "369", "2580", // columns
	"159", "357", // diagonals
	"1470", "3690", // columns finished with the 0 key, as people dial them
	"7410", "8520", "9630", // columns of a computer keypad
}
