trigger Product2Trigger on Product2(
    before update,
    after insert,
    after update,
    after delete,
    after undelete
) {
    new RecordSyncTriggerHandler().run();
}
