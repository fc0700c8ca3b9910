import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace reflex {

    interface IInstruction extends reflex.Instruction.$Properties {
    }

    class Instruction {
        constructor(properties?: reflex.Instruction.$Properties);
        $unknowns?: Uint8Array[];
        text: string;
        targetIndex: number;
        colorIndex: number;
        static create(properties: reflex.Instruction.$Shape): reflex.Instruction & reflex.Instruction.$Shape;
        static create(properties?: reflex.Instruction.$Properties): reflex.Instruction;
        static encode(message: reflex.Instruction.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Instruction & reflex.Instruction.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Instruction;
        static toObject(message: reflex.Instruction, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Instruction {
        interface $Properties {
            text?: (string|null);
            targetIndex?: (number|null);
            colorIndex?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Instruction.$Properties;
    }

    interface IActionChunk extends reflex.ActionChunk.$Properties {
    }

    class ActionChunk {
        constructor(properties?: reflex.ActionChunk.$Properties);
        $unknowns?: Uint8Array[];
        horizon: number;
        dim: number;
        data: number[];
        stepMs: number;
        hold: boolean;
        static create(properties: reflex.ActionChunk.$Shape): reflex.ActionChunk & reflex.ActionChunk.$Shape;
        static create(properties?: reflex.ActionChunk.$Properties): reflex.ActionChunk;
        static encode(message: reflex.ActionChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.ActionChunk & reflex.ActionChunk.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.ActionChunk;
        static toObject(message: reflex.ActionChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace ActionChunk {
        interface $Properties {
            horizon?: (number|null);
            dim?: (number|null);
            data?: (number[]|null);
            stepMs?: (number|null);
            hold?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.ActionChunk.$Properties;
    }

    interface IPose2D extends reflex.Pose2D.$Properties {
    }

    class Pose2D {
        constructor(properties?: reflex.Pose2D.$Properties);
        $unknowns?: Uint8Array[];
        x: number;
        y: number;
        theta: number;
        static create(properties: reflex.Pose2D.$Shape): reflex.Pose2D & reflex.Pose2D.$Shape;
        static create(properties?: reflex.Pose2D.$Properties): reflex.Pose2D;
        static encode(message: reflex.Pose2D.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Pose2D & reflex.Pose2D.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Pose2D;
        static toObject(message: reflex.Pose2D, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Pose2D {
        interface $Properties {
            x?: (number|null);
            y?: (number|null);
            theta?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Pose2D.$Properties;
    }

    interface ITaskStatus extends reflex.TaskStatus.$Properties {
    }

    class TaskStatus {
        constructor(properties?: reflex.TaskStatus.$Properties);
        $unknowns?: Uint8Array[];
        episode: number;
        step: number;
        distance: number;
        success: boolean;
        done: boolean;
        endEffector?: (reflex.Pose2D.$Properties|null);
        targetIndex: number;
        static create(properties: reflex.TaskStatus.$Shape): reflex.TaskStatus & reflex.TaskStatus.$Shape;
        static create(properties?: reflex.TaskStatus.$Properties): reflex.TaskStatus;
        static encode(message: reflex.TaskStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.TaskStatus & reflex.TaskStatus.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.TaskStatus;
        static toObject(message: reflex.TaskStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace TaskStatus {
        interface $Properties {
            episode?: (number|null);
            step?: (number|null);
            distance?: (number|null);
            success?: (boolean|null);
            done?: (boolean|null);
            endEffector?: (reflex.Pose2D.$Properties|null);
            targetIndex?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.TaskStatus.$Properties;
    }

    interface ITensor extends reflex.Tensor.$Properties {
    }

    class Tensor {
        constructor(properties?: reflex.Tensor.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        dtype: string;
        shape: number[];
        data: Uint8Array;
        static create(properties: reflex.Tensor.$Shape): reflex.Tensor & reflex.Tensor.$Shape;
        static create(properties?: reflex.Tensor.$Properties): reflex.Tensor;
        static encode(message: reflex.Tensor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Tensor & reflex.Tensor.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Tensor;
        static toObject(message: reflex.Tensor, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Tensor {
        interface $Properties {
            name?: (string|null);
            dtype?: (string|null);
            shape?: (number[]|null);
            data?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Tensor.$Properties;
    }

    interface IPolicyConfig extends reflex.PolicyConfig.$Properties {
    }

    class PolicyConfig {
        constructor(properties?: reflex.PolicyConfig.$Properties);
        $unknowns?: Uint8Array[];
        steps?: (number|null);
        static create(properties: reflex.PolicyConfig.$Shape): reflex.PolicyConfig & reflex.PolicyConfig.$Shape;
        static create(properties?: reflex.PolicyConfig.$Properties): reflex.PolicyConfig;
        static encode(message: reflex.PolicyConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.PolicyConfig & reflex.PolicyConfig.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.PolicyConfig;
        static toObject(message: reflex.PolicyConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace PolicyConfig {
        interface $Properties {
            steps?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.PolicyConfig.$Properties;
    }

    interface ISpan extends reflex.Span.$Properties {
    }

    class Span {
        constructor(properties?: reflex.Span.$Properties);
        $unknowns?: Uint8Array[];
        node: string;
        inNs: number;
        outNs: number;
        process: string;
        static create(properties: reflex.Span.$Shape): reflex.Span & reflex.Span.$Shape;
        static create(properties?: reflex.Span.$Properties): reflex.Span;
        static encode(message: reflex.Span.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Span & reflex.Span.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Span;
        static toObject(message: reflex.Span, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Span {
        interface $Properties {
            node?: (string|null);
            inNs?: (number|null);
            outNs?: (number|null);
            process?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Span.$Properties;
    }

    interface IBulkField extends reflex.BulkField.$Properties {
    }

    class BulkField {
        constructor(properties?: reflex.BulkField.$Properties);
        $unknowns?: Uint8Array[];
        field: string;
        length: number;
        static create(properties: reflex.BulkField.$Shape): reflex.BulkField & reflex.BulkField.$Shape;
        static create(properties?: reflex.BulkField.$Properties): reflex.BulkField;
        static encode(message: reflex.BulkField.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.BulkField & reflex.BulkField.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.BulkField;
        static toObject(message: reflex.BulkField, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace BulkField {
        interface $Properties {
            field?: (string|null);
            length?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.BulkField.$Properties;
    }

    interface IEnvelope extends reflex.Envelope.$Properties {
    }

    class Envelope {
        constructor(properties?: reflex.Envelope.$Properties);
        $unknowns?: Uint8Array[];
        topic: string;
        seq: number;
        captureNs: number;
        messageType: string;
        spans: reflex.Span.$Properties[];
        bulk: reflex.BulkField.$Properties[];
        static create(properties: reflex.Envelope.$Shape): reflex.Envelope & reflex.Envelope.$Shape;
        static create(properties?: reflex.Envelope.$Properties): reflex.Envelope;
        static encode(message: reflex.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Envelope & reflex.Envelope.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Envelope;
        static toObject(message: reflex.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Envelope {
        interface $Properties {
            topic?: (string|null);
            seq?: (number|null);
            captureNs?: (number|null);
            messageType?: (string|null);
            spans?: (reflex.Span.$Properties[]|null);
            bulk?: (reflex.BulkField.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Envelope.$Properties;
    }

    interface IDeadlineMiss extends reflex.DeadlineMiss.$Properties {
    }

    class DeadlineMiss {
        constructor(properties?: reflex.DeadlineMiss.$Properties);
        $unknowns?: Uint8Array[];
        node: string;
        port: string;
        ageMs: number;
        deadlineMs: number;
        static create(properties: reflex.DeadlineMiss.$Shape): reflex.DeadlineMiss & reflex.DeadlineMiss.$Shape;
        static create(properties?: reflex.DeadlineMiss.$Properties): reflex.DeadlineMiss;
        static encode(message: reflex.DeadlineMiss.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.DeadlineMiss & reflex.DeadlineMiss.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.DeadlineMiss;
        static toObject(message: reflex.DeadlineMiss, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace DeadlineMiss {
        interface $Properties {
            node?: (string|null);
            port?: (string|null);
            ageMs?: (number|null);
            deadlineMs?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.DeadlineMiss.$Properties;
    }

    interface IImage extends reflex.Image.$Properties {
    }

    class Image {
        constructor(properties?: reflex.Image.$Properties);
        $unknowns?: Uint8Array[];
        width: number;
        height: number;
        encoding: string;
        step: number;
        data: Uint8Array;
        frameId: number;
        static create(properties: reflex.Image.$Shape): reflex.Image & reflex.Image.$Shape;
        static create(properties?: reflex.Image.$Properties): reflex.Image;
        static encode(message: reflex.Image.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Image & reflex.Image.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Image;
        static toObject(message: reflex.Image, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Image {
        interface $Properties {
            width?: (number|null);
            height?: (number|null);
            encoding?: (string|null);
            step?: (number|null);
            data?: (Uint8Array|null);
            frameId?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Image.$Properties;
    }

    interface IJointState extends reflex.JointState.$Properties {
    }

    class JointState {
        constructor(properties?: reflex.JointState.$Properties);
        $unknowns?: Uint8Array[];
        name: string[];
        position: number[];
        velocity: number[];
        effort: number[];
        static create(properties: reflex.JointState.$Shape): reflex.JointState & reflex.JointState.$Shape;
        static create(properties?: reflex.JointState.$Properties): reflex.JointState;
        static encode(message: reflex.JointState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.JointState & reflex.JointState.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.JointState;
        static toObject(message: reflex.JointState, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace JointState {
        interface $Properties {
            name?: (string[]|null);
            position?: (number[]|null);
            velocity?: (number[]|null);
            effort?: (number[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.JointState.$Properties;
    }

    interface IVector3 extends reflex.Vector3.$Properties {
    }

    class Vector3 {
        constructor(properties?: reflex.Vector3.$Properties);
        $unknowns?: Uint8Array[];
        x: number;
        y: number;
        z: number;
        static create(properties: reflex.Vector3.$Shape): reflex.Vector3 & reflex.Vector3.$Shape;
        static create(properties?: reflex.Vector3.$Properties): reflex.Vector3;
        static encode(message: reflex.Vector3.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Vector3 & reflex.Vector3.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Vector3;
        static toObject(message: reflex.Vector3, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Vector3 {
        interface $Properties {
            x?: (number|null);
            y?: (number|null);
            z?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Vector3.$Properties;
    }

    interface IImu extends reflex.Imu.$Properties {
    }

    class Imu {
        constructor(properties?: reflex.Imu.$Properties);
        $unknowns?: Uint8Array[];
        angularVelocity?: (reflex.Vector3.$Properties|null);
        linearAcceleration?: (reflex.Vector3.$Properties|null);
        orientationRpy?: (reflex.Vector3.$Properties|null);
        static create(properties: reflex.Imu.$Shape): reflex.Imu & reflex.Imu.$Shape;
        static create(properties?: reflex.Imu.$Properties): reflex.Imu;
        static encode(message: reflex.Imu.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Imu & reflex.Imu.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Imu;
        static toObject(message: reflex.Imu, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Imu {
        interface $Properties {
            angularVelocity?: (reflex.Vector3.$Properties|null);
            linearAcceleration?: (reflex.Vector3.$Properties|null);
            orientationRpy?: (reflex.Vector3.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Imu.$Properties;
    }

    interface ITick extends reflex.Tick.$Properties {
    }

    class Tick {
        constructor(properties?: reflex.Tick.$Properties);
        $unknowns?: Uint8Array[];
        index: number;
        dueNs: number;
        static create(properties: reflex.Tick.$Shape): reflex.Tick & reflex.Tick.$Shape;
        static create(properties?: reflex.Tick.$Properties): reflex.Tick;
        static encode(message: reflex.Tick.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Tick & reflex.Tick.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Tick;
        static toObject(message: reflex.Tick, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Tick {
        interface $Properties {
            index?: (number|null);
            dueNs?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Tick.$Properties;
    }

    interface IBlob extends reflex.Blob.$Properties {
    }

    class Blob {
        constructor(properties?: reflex.Blob.$Properties);
        $unknowns?: Uint8Array[];
        data: Uint8Array;
        value: number;
        static create(properties: reflex.Blob.$Shape): reflex.Blob & reflex.Blob.$Shape;
        static create(properties?: reflex.Blob.$Properties): reflex.Blob;
        static encode(message: reflex.Blob.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.Blob & reflex.Blob.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.Blob;
        static toObject(message: reflex.Blob, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace Blob {
        interface $Properties {
            data?: (Uint8Array|null);
            value?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.Blob.$Properties;
    }

    interface ISimWorld extends reflex.SimWorld.$Properties {
    }

    class SimWorld {
        constructor(properties?: reflex.SimWorld.$Properties);
        $unknowns?: Uint8Array[];
        episode: number;
        sceneSeed: number;
        targets: number;
        distractors: number;
        blockSize: number;
        robotRadius: number;
        x: number;
        y: number;
        step: number;
        static create(properties: reflex.SimWorld.$Shape): reflex.SimWorld & reflex.SimWorld.$Shape;
        static create(properties?: reflex.SimWorld.$Properties): reflex.SimWorld;
        static encode(message: reflex.SimWorld.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): reflex.SimWorld & reflex.SimWorld.$Shape;
        static fromObject(object: { [k: string]: any }): reflex.SimWorld;
        static toObject(message: reflex.SimWorld, options?: $protobuf.IConversionOptions): { [k: string]: any };
        toJSON(): { [k: string]: any };
        static getTypeUrl(prefix?: string): string;
    }

    namespace SimWorld {
        interface $Properties {
            episode?: (number|null);
            sceneSeed?: (number|null);
            targets?: (number|null);
            distractors?: (number|null);
            blockSize?: (number|null);
            robotRadius?: (number|null);
            x?: (number|null);
            y?: (number|null);
            step?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = reflex.SimWorld.$Properties;
    }
}
