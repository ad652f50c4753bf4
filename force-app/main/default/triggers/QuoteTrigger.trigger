trigger QuoteTrigger on Quote(after update) {
    new QuoteOrderTriggerHandler().run();
}
