trigger Sloppy on Account(before insert) {
}
