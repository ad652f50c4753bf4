trigger AccountTrigger on Account(
    before update,
    after insert,
    after update,
    after delete,
    after undelete
) {
    new RecordSyncTriggerHandler().run();
}
