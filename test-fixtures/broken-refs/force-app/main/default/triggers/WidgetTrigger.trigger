trigger WidgetTrigger on Widget__c(after insert) {
    return;
}
