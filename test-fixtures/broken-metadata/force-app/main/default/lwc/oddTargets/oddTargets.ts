import { LightningElement } from 'lwc';

export default class OddTargets extends LightningElement {}
