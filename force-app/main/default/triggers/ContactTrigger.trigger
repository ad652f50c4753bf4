trigger ContactTrigger on Contact(
    before update,
    after insert,
    after update,
    after delete,
    after undelete
) {
    new RecordSyncTriggerHandler().run();
}
