trigger ErpOrderStatusTrigger on ERP_Order_Status__e(after insert) {
    new OrderStatusEventHandler().run();
}
