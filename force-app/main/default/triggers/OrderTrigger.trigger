trigger OrderTrigger on Order(
    before update,
    after insert,
    after update,
    after delete,
    after undelete
) {
    new RecordSyncTriggerHandler().run();
}
