// The demo's English: for customers who write in English (most with Latin names, some with
// CJK ones) and the agents who answer them in it.

extension DemoPhrases {
    static let english = DemoPhrasebook(
        complaints: [
            .productQuality: [
                .init(["Chair wobbles after a week", "Wobbly chair from order {order}"], [
                    "Hello, one of the two chairs from order {order} started wobbling after a week. I assembled it exactly as the manual says. What can you do?",
                    "The chair wobbles and creaks. I have tightened the bolts twice already.",
                ], explanations: [
                    "Hi {name}, our technician looked at the photos: the leg bolts are not fully tightened. I have sent you a video on how to tighten them properly. If the chair still wobbles afterwards, we will replace it.",
                ]),
                .init(["Kettle leaking at the seam", "New kettle leaks"], [
                    "My new kettle leaks from the bottom every time I boil water. Order {order}, bought on {date}.",
                    "Kettle leaks. Two weeks old. I would like a replacement, please.",
                ], explanations: [
                    "Hi {name}, the photos show the water comes from under the seal at the base. I have sent you instructions on how to reseat it. If that does not help, we will replace the kettle.",
                ]),
                .init(["Backpack strap coming apart"], [
                    "The stitching on the backpack strap came apart after a few days of normal use. Not what I expected for the price.",
                    "Hi, the strap of the backpack from order {order} is tearing off at the seam. Can I get a new one?",
                ]),
                .init(["Left earbud stopped working"], [
                    "The left earbud stopped working on day three. I only ever charged it with the cable in the box.",
                ], explanations: [
                    "Hi {name}, this happens when the earbuds lose their pairing with each other. A reset usually fixes it; I have e-mailed you the steps. If the sound does not come back, we will take them under warranty.",
                ]),
            ],
            .wrongItem: [
                .init(["Wrong item in order {order}", "Got a different product"], [
                    "I ordered a two-metre charging cable and received an adapter instead. Order {order}.",
                    "Wrong item again. Please just send what I ordered.",
                ], explanations: [
                    "Hi {name}, the right item is on its way, and please keep the other one. Sorry for the mistake.",
                ]),
                .init(["Wrong size", "Jacket is the wrong size"], [
                    "I ordered a medium jacket and got an XL. How do I exchange it?",
                    "The jacket in order {order} is two sizes bigger than the one I chose. I need an exchange before the weekend.",
                ], explanations: [
                    "Hi {name}, the exchange is booked: the courier will bring the right size and take this one back, at no cost to you.",
                ]),
                .init(["Only three chairs arrived"], [
                    "I ordered four chairs and only three arrived. The delivery note lists four.",
                ], answers: [
                    "Hi {name}, I am sorry! I am checking with the warehouse where the fourth chair went and will write today.",
                ], explanations: [
                    "Hi {name}, the fourth chair turned up at our warehouse; it will be delivered separately tomorrow. Sorry for the mix-up.",
                ]),
            ],
            .deliveryDelay: [
                .init(["Order {order} is late", "Where is my order?"], [
                    "I placed order {order} on {date} and was promised delivery in three days. The tracking has not moved since.",
                    "Where is my parcel? Tracking has said \u{201C}in transit\u{201D} for five days.",
                    "Any news on order {order}? It is past the delivery date.",
                ]),
                .init(["Courier did not show up"], [
                    "The courier was supposed to come yesterday between 10 and 2. I stayed home all day and nobody came or called.",
                    "Delivery has been rescheduled twice now. Please tell me when it will actually arrive.",
                ]),
            ],
            .deliveryCost: [
                .init(["Delivery fee doubled", "Why am I paying for delivery now?"], [
                    "Delivery used to be free for orders over 3,000 roubles. Now I was charged 299 for order {order} and nobody told me about the change.",
                    "The delivery fee is almost as much as the item itself. I am a regular customer, but this is too much.",
                ]),
            ],
            .competitorPrice: [
                .init(["Cheaper elsewhere: price match?", "Same kettle 20% cheaper in another shop"], [
                    "The same kettle is 20% cheaper in another shop. Can you match the price? Otherwise I will cancel order {order}.",
                    "Found the same jacket for much less on a marketplace. Any chance of a discount for a loyal customer?",
                ]),
                .init(["Price dropped right after I ordered"], [
                    "I bought the chairs on {date} and two days later the price went down. Could you refund the difference?",
                    "The price went down the day after I paid. Could I get the difference back as bonus points?",
                ], answers: [
                    "Hi {name}, the price did drop after your purchase. I am checking how we can give you the difference and will reply today.",
                ], explanations: [
                    "Hi {name}, the supplier lowered the price after your purchase, and unfortunately we cannot refund the difference. We will let you know ahead of our next sale, though.",
                ]),
            ],
            .service: [
                .init(["Support never answered my e-mail", "No reply about order {order}"], [
                    "I wrote to you three days ago about order {order} and still have no answer.",
                    "This is my second e-mail. Is anyone reading this inbox?",
                ]),
                .init(["Nobody called me back"], [
                    "Your operator promised to call me back within an hour. That was two days ago.",
                    "I waited on the line for forty minutes and then the call dropped. Please call me back.",
                ]),
            ],
            .movedRegion: [
                .init(["No delivery to my new city", "Moved: can I still order?"], [
                    "I have moved to another city and it is not on your delivery list. Is there any way to keep ordering from you?",
                    "We moved last month and your site says there is no delivery to our region. Is there a pickup point nearby?",
                ]),
            ],
            .misuse: [
                .init(["Chair creaks after assembly"], [
                    "I assembled the chair myself and now it creaks and wobbles. Must be a defect.",
                    "The instructions are impossible to follow. I put the chair together as best I could and it fell apart the next day.",
                ], answers: [
                    "Hello {name}, this often happens when the leg bolts are not fully tightened. I have e-mailed you a short assembly video.",
                ], explanations: [
                    "Hi {name}, the photos show the chair was assembled at an angle, which is why it creaks. I have sent you the assembly video; if it still creaks afterwards, write to us.",
                ]),
                .init(["Jacket shrank in the wash"], [
                    "I washed the jacket at 90 degrees and it shrank two sizes. The label should say this more clearly.",
                ], explanations: [
                    "Hi {name}, the label says to wash the jacket at 30 degrees; at higher temperatures the fabric shrinks. That is not a defect, so we cannot refund it, but I am happy to help you pick the right size if you want a new one.",
                ]),
            ],
            .other: [
                .init(["Receipt for order {order}", "Question about my invoice"], [
                    "Could you send me the receipt for order {order}? It never arrived.",
                    "I need an invoice for my company. Where can I download it?",
                ], explanations: [
                    "Hi {name}, we have sent the receipt to your e-mail. Have a nice day!",
                ]),
                .init(["Bonus points missing"], [
                    "My bonus balance shows zero, but I had points after my last order. What happened?",
                ], explanations: [
                    "Hi {name}, your points are back; you can see them in your account and use them on any order.",
                ]),
            ],
        ],
        firstReplies: [
            .productQuality: DemoPool([
                "Hi {name}, sorry to hear that. Could you send us a photo? We will arrange a replacement or a refund.",
                "Hello {name}, thank you for letting us know. I have passed order {order} to our quality team and will get back to you today.",
            ]),
            .wrongItem: DemoPool([
                "Hi {name}, sorry for the mix-up at our warehouse. A courier will collect the wrong item and bring the right one, free of charge.",
            ]),
            .deliveryDelay: DemoPool([
                "Hi {name}, I checked order {order}: the parcel is stuck at the carrier's sorting centre. I have sent them an urgent request and will update you by the end of the day.",
                "Hello {name}, sorry for the wait. I am checking with the carrier where the parcel is and will write today.",
            ]),
            .deliveryCost: DemoPool([
                "Hi {name}, I understand. Free delivery now starts at 3,000 roubles, but we can make an exception for regular customers.",
            ]),
            .competitorPrice: DemoPool([
                "Hi {name}, thanks for telling us. Could you send a link to the offer? We will check it and try to match it.",
            ]),
            .service: DemoPool([
                "Hello {name}, sorry, that should not have happened. I will handle your question myself and find out why nobody answered.",
            ]),
            .movedRegion: DemoPool([
                "Hi {name}, unfortunately we do not deliver to your new city yet. I can suggest the nearest pickup point in a neighbouring region.",
            ]),
            .misuse: DemoPool([
                "Hi {name}, let us sort this out. Could you send a few photos? They usually show what went wrong.",
            ]),
            .other: DemoPool([
                "Hi {name}, I am looking into it and will reply within the hour.",
            ]),
        ],
        asks: [
            .productQuality: DemoPool(["Hi {name}, could you send a photo of the item and of the label on the box? We need them to process the return."]),
            .wrongItem: DemoPool(["Hi {name}, which day suits you for the courier to swap the item?"]),
            .deliveryDelay: DemoPool(["Hi {name}, the courier can come tomorrow or on Saturday. Which day works better for you?"]),
            .deliveryCost: DemoPool(["Hi {name}, could you confirm your delivery address? I will check for a pickup point with free delivery nearby."]),
            .competitorPrice: DemoPool(["Hi {name}, could you send the link to the other shop's listing so we can compare the models?"]),
            .service: DemoPool(["Hi {name}, when is a good time to call you? I will call you myself."]),
            .movedRegion: DemoPool(["Hi {name}, could you send your new address with the postcode? We will check every delivery option."]),
            .misuse: DemoPool(["Hi {name}, could you send photos of the item and of its label, so we can see what happened?"]),
            .other: DemoPool(["Hi {name}, could you tell us the order number or the phone number it was placed with?"]),
        ],
        followUps: [
            .productQuality: DemoPool(["Photos sent by e-mail. I kept the box.", "A replacement would be better than a refund."]),
            .wrongItem: DemoPool(["I am at home all day tomorrow, the courier can come any time."]),
            .deliveryDelay: DemoPool(["Still nothing.", "OK, I will wait, but if it does not arrive tomorrow I will cancel."]),
            .deliveryCost: DemoPool(["Door delivery matters to me; the pickup point is far away."]),
            .competitorPrice: DemoPool(["Waiting for your answer. If the price stays, I will return the order."]),
            .service: DemoPool(["Please call after 6 pm."]),
            .movedRegion: DemoPool(["New address sent by e-mail."]),
            .misuse: DemoPool(["Photos sent. I did everything the manual says."]),
            .other: DemoPool(["The order number is {order}.", "It was placed with this same phone number."]),
        ],
        nudges: DemoPool(["Any news?", "When can I expect an answer?", "Just to add: this is urgent."]),
        closings: .init(
            discount: DemoPool([
                "Hi {name}, sorry again for the trouble. Here is a {value}% discount on your next order: code {code}.",
            ]),
            freeDelivery: DemoPool([
                "Hi {name}, your next delivery is on us: code {code}. Thank you for staying with us.",
            ]),
            bonus: DemoPool([
                "Hi {name}, our apologies. We have added {value} bonus points to your account; you can use them on any order.",
            ]),
            discountAndBonus: DemoPool([
                "Hi {name}, that was our mistake. Here is a {value}% discount with code {code}, and we have added {bonus} bonus points too.",
            ]),
            refunded: DemoPool(["Hi {name}, we have refunded the item to your card; it usually takes 3 to 5 working days."]),
            replaced: DemoPool(["Hi {name}, the replacement ships today. The courier will call the day before and take the old item back."]),
            duplicate: DemoPool(["Hi {name}, this repeats your earlier request, so we have answered you there. Thanks for your patience!"]),
            settled: [
                .productQuality: DemoPool(["Hi {name}, we checked the item with the supplier: this is wear rather than a factory defect. I have sent you a care guide; let us know if you have any questions."]),
                .wrongItem: DemoPool(["Hi {name}, we checked: the order matches what was chosen on the site. If you would like an exchange, we will do it at no cost."]),
                .deliveryDelay: DemoPool(["Hi {name}, the parcel is now at your pickup point. Sorry for the delay; the carrier was overloaded before the holidays."]),
                .deliveryCost: DemoPool(["Hi {name}, the rates for your region are set by the carrier. Delivery is free on orders over 3,000 roubles."]),
                .competitorPrice: DemoPool(["Hi {name}, we compared: the other shop sells a similar but different model. Thanks for letting us know all the same."]),
                .service: DemoPool(["Hi {name}, please accept our apologies. We have gone through this with the team so it does not happen again."]),
                .movedRegion: DemoPool(["Hi {name}, we do not deliver to your region yet. We have kept your account and bonus points and will write as soon as we do."]),
                .misuse: DemoPool(["Hi {name}, the photos show the item was used in a way the manual warns against, so the warranty does not cover it. I have sent you a guide on how to avoid this in future."]),
                .other: DemoPool(["Hi {name}, done: everything has been sent to your e-mail. Have a nice day!"]),
            ]),
        thanks: DemoPool(["Thank you, all sorted!", "Thanks for the quick help.", "Great, thank you. I will keep ordering from you."]),
        disappointed: DemoPool(["Not what I hoped for, but fine.", "It took far too long to sort this out."]))
}
