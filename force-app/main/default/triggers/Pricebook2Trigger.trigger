trigger Pricebook2Trigger on Pricebook2(
    before update,
    after insert,
    after update,
    after delete,
    after undelete
) {
    new RecordSyncTriggerHandler().run();
}
